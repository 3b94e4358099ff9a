import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { type DesktopApi, type DesktopState, INITIAL_STATE } from '../bridge/api.js';
import { contact, health, snapshot } from '../test-support/snapshot.js';
import { App } from './App.js';

/** An API whose commands must not run while rendering markup. */
const api = new Proxy({} as DesktopApi, {
  get: (_t, name) => () => {
    throw new Error(`${String(name)} called during render`);
  },
});

const render = (state: DesktopState) => renderToStaticMarkup(<App api={api} initialState={state} />);

const ready = (overrides: Partial<DesktopState> = {}): DesktopState => ({
  ...INITIAL_STATE,
  accounts: [{ id: 'alice@example.com', address: 'sip:alice@example.com', displayName: 'Alice' }],
  activeAccountId: 'alice@example.com',
  phase: 'ready',
  preferences: { publishLocation: false },
  ...overrides,
});

describe('App', () => {
  it('asks for an account when none is set up', () => {
    const html = render(INITIAL_STATE);
    expect(html).toContain('data-testid="account-setup"');
    expect(html).toContain('SIP address');
    expect(html).toContain('XCAP root');
    expect(html).toContain('Outbound proxy');
  });

  it('shows a loading state while the engine starts', () => {
    expect(render(ready({ phase: 'starting' }))).toContain('Connecting…');
  });

  it('shows the empty state with own presence when the address book is empty', () => {
    const html = render(ready({ snapshot: snapshot({ own: { status: 'away', note: 'lunch', history: [] } }) }));
    expect(html).toContain('No contacts yet');
    expect(html).toContain('<div class="own-name">Alice</div>');
    expect(html).toContain('value="lunch"');
    expect(html).toMatch(/status-button status-away[^>]*>.*Away/);
  });

  it('shows requests on top, groups and Blocked in the contact list', () => {
    const html = render(
      ready({
        snapshot: snapshot({
          contacts: [contact('bob', 'Bob', { availability: 'available', notes: ['hi'] }, ['g'])],
          groups: [{ id: 'g', name: 'Friends', contactIds: ['bob'] }],
          newContactRequests: [{ uri: 'sip:erin@example.com', status: 'pending' }],
          blocked: [{ uri: 'sip:spam@example.com' }],
        }),
      }),
    );
    const order = ['New Contact Requests', 'Friends', 'Blocked'].map((t) => html.indexOf(t));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('data-testid="request:sip:erin@example.com"');
    expect(html).toContain('draggable="true"');
    expect(html).toContain('data-testid="contact:Bob" data-status="available"');
  });

  it('says what is wrong: wrong password, unreachable server, XCAP not supported', () => {
    const wrong = render(
      ready({
        snapshot: snapshot({
          health: health({ registration: { state: 'failed', code: 'auth-failed', reason: '403 Forbidden', since: 0 } }),
        }),
      }),
    );
    expect(wrong).toContain('Wrong password');
    const down = render(
      ready({
        snapshot: snapshot({
          health: health({ connection: { state: 'failed', code: 'unreachable', reason: 'ECONNREFUSED', since: 0 } }),
        }),
      }),
    );
    expect(down).toContain('Server unreachable');
    const noXcap = render(
      ready({
        snapshot: snapshot({
          health: health({
            storage: { state: 'failed', code: 'not-supported', reason: '404 Not Found', since: 0, pendingEdits: 0 },
          }),
        }),
      }),
    );
    expect(noXcap).toContain('XCAP not supported');
  });

  it('shows the own status overlay as offline until registered', () => {
    const html = render(
      ready({ snapshot: snapshot({ health: health({ registration: { state: 'working', since: 0 } }) }) }),
    );
    expect(html).toMatch(/own-icon.*status-overlay status-offline/);
  });
});

describe('App failure notice', () => {
  it('shows the last command that failed', () => {
    const html = render(
      ready({
        snapshot: snapshot(),
        lastFailure: { method: 'setIcon', code: 'ACCOUNT_ICON', message: 'the icon has 600000 bytes', at: 5 },
      }),
    );
    expect(html).toMatch(/data-testid="notice">the icon has 600000 bytes</);
  });
});

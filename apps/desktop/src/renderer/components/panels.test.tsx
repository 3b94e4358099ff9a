import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { DesktopApi } from '../../bridge/api.js';
import { contact, snapshot } from '../../test-support/snapshot.js';
import { ApiContext } from './api-context.js';
import { EditContactPanel, normalise } from './EditContactPanel.js';
import { PresenceInfoPanel } from './PresenceInfoPanel.js';

const api = {} as DesktopApi;

describe('EditContactPanel', () => {
  it('shows name, labelled addresses, group and the two presence switches', () => {
    const bob = { ...contact('bob', 'Bob', {}, ['g']), presence: { policy: 'default' as const, subscribe: true } };
    const html = renderToStaticMarkup(
      <ApiContext.Provider value={api}>
        <EditContactPanel
          snapshot={snapshot({ contacts: [bob], groups: [{ id: 'g', name: 'Friends', contactIds: ['bob'] }] })}
          contact={bob}
          onClose={() => {}}
        />
      </ApiContext.Provider>,
    );
    expect(html).toContain('value="Bob"');
    expect(html).toContain('value="sip:bob@example.com"');
    expect(html).toMatch(
      /<option value="SIP" selected="">SIP<\/option><option value="tel">tel<\/option><option value="XMPP">XMPP/,
    );
    expect(html).toMatch(/<option value="g" selected="">Friends<\/option>/);
    expect(html).toMatch(/checked=""\/><span>Subscribe to contact&#x27;s presence information/);
    expect(html).toMatch(/type="checkbox"\/><span>Allow contact to see my presence information/);
  });

  it('adds the scheme an address type implies', () => {
    expect(normalise(' bob@example.com ', 'SIP')).toBe('sip:bob@example.com');
    expect(normalise('+31 (20) 123-4567', 'tel')).toBe('tel:+31201234567');
    expect(normalise('bob@jabber.org', 'XMPP')).toBe('xmpp:bob@jabber.org');
    expect(normalise('sips:bob@example.com', 'SIP')).toBe('sips:bob@example.com');
  });
});

describe('PresenceInfoPanel', () => {
  it('shows everything received, devices included', () => {
    const device = {
      id: 'urn:uuid:1',
      contact: 'sip:bob@example.com;gr=urn:uuid:1',
      description: 'bob-laptop',
      userAgent: 'Blink 6',
      timeOffsetMinutes: -330,
      idle: true,
      availability: 'away' as const,
      notes: ['coffee'],
    };
    const bob = contact('bob', 'Bob', { availability: 'away', devices: [device] });
    const withView = {
      ...bob,
      live: {
        ...bob.live,
        byUri: [
          {
            uri: 'sip:bob@example.com',
            subscription: 'active' as const,
            availability: 'away' as const,
            status: 'away',
            notes: ['coffee'],
            location: 'Kochi',
            homepage: 'https://bob.example',
            devices: [device],
            documents: ['<presence/>'],
            updatedAt: 0,
          },
        ],
      },
    };
    const html = renderToStaticMarkup(<PresenceInfoPanel contact={withView} icon={undefined} onClose={() => {}} />);
    for (const text of [
      'bob-laptop',
      'Blink 6',
      'sip:bob@example.com;gr=urn:uuid:1',
      'UTC−5:30',
      'Kochi',
      'https://bob.example',
      'Received PIDF (1)',
      '&lt;presence/&gt;',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toMatch(/<dt>Idle<\/dt><dd>yes<\/dd>/);
  });
});

import type { ContactIcon } from '@simplekit/account';
import { describe, expect, it } from 'vitest';
import { snapshot } from '../test-support/snapshot.js';
import { ContactIconCache } from './contact-icon-cache.js';

const view = (uri: string, icon?: string) => ({
  uri,
  subscription: 'active' as const,
  availability: 'available' as const,
  notes: [],
  devices: [],
  documents: [],
  updatedAt: 0,
  ...(icon === undefined ? {} : { icon }),
});

function fakeAccount(fail: Set<string> = new Set()) {
  const fetched: string[] = [];
  return {
    fetched,
    account: {
      async fetchContactIcon(uri: string): Promise<ContactIcon> {
        fetched.push(uri);
        if (fail.has(uri)) throw new Error('HTTP 403');
        const url = `http://xcap/${uri}`;
        return { url, mimeType: 'image/png', data: Uint8Array.from([1, 2, 3]) };
      },
    },
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('ContactIconCache', () => {
  it('fetches each advertised icon once and hands data URLs by address', async () => {
    const { account, fetched } = fakeAccount();
    const seen: Record<string, string>[] = [];
    const cache = new ContactIconCache(account, (icons) => seen.push({ ...icons }));
    const s = snapshot({
      presence: { 'sip:bob@x': view('sip:bob@x', 'http://xcap/a'), 'sip:eve@x': view('sip:eve@x') },
    });
    cache.refresh(s);
    cache.refresh(s);
    await flush();
    expect(fetched).toEqual(['sip:bob@x']);
    expect(seen.at(-1)).toEqual({ 'sip:bob@x': 'data:image/png;base64,AQID' });
  });

  it('fetches again when the advertised URL changes', async () => {
    const { account, fetched } = fakeAccount();
    const cache = new ContactIconCache(account, () => {});
    cache.refresh(snapshot({ presence: { 'sip:bob@x': view('sip:bob@x', 'http://xcap/a') } }));
    cache.refresh(snapshot({ presence: { 'sip:bob@x': view('sip:bob@x', 'http://xcap/b') } }));
    await flush();
    expect(fetched).toEqual(['sip:bob@x', 'sip:bob@x']);
  });

  it('reports a failed fetch and does not retry the same URL', async () => {
    const { account, fetched } = fakeAccount(new Set(['sip:bob@x']));
    const problems: string[] = [];
    const cache = new ContactIconCache(
      account,
      () => expect.fail('no icon to hand over'),
      (uri, error) => problems.push(`${uri}: ${String(error)}`),
    );
    const s = snapshot({ presence: { 'sip:bob@x': view('sip:bob@x', 'http://xcap/a') } });
    cache.refresh(s);
    await flush();
    cache.refresh(s);
    await flush();
    expect(fetched).toEqual(['sip:bob@x']);
    expect(problems).toEqual(['sip:bob@x: Error: HTTP 403']);
  });
});

import { serializePresContent } from '@simplekit/xcap';
import { describe, expect, it } from 'vitest';
import { AccountIconError } from '../errors.js';
import { createMemoryStorage } from '../storage/account-storage.js';
import { FakeXcapServer } from '../test-support/fake-xcap.js';
import { ContactIcons, documentRefOf, type IconHttpGet, iconGetVia, MAX_ICON_BYTES } from './contact-icons.js';

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47]);

function server(responses: Awaited<ReturnType<IconHttpGet>>[]) {
  const requests: { url: string; etag?: string }[] = [];
  const get: IconHttpGet = async (url, { etag }) => {
    requests.push(etag !== undefined ? { url, etag } : { url });
    const res = responses.shift();
    if (!res) throw new Error('no more responses');
    return res;
  };
  return { get, requests };
}

describe('contact icons', () => {
  it('fetches an image, then revalidates it with its ETag and reuses the cached bytes on 304', async () => {
    const { get, requests } = server([
      { status: 200, etag: '"a"', contentType: 'image/png', body: png },
      { status: 304, body: new Uint8Array() },
    ]);
    const icons = new ContactIcons(createMemoryStorage().stateOf('x'), get);
    const first = await icons.fetch('http://icons/bob');
    const second = await icons.fetch('http://icons/bob');
    expect(first).toEqual({ url: 'http://icons/bob', mimeType: 'image/png', data: png, etag: '"a"' });
    expect(second).toEqual(first);
    expect(requests).toEqual([{ url: 'http://icons/bob' }, { url: 'http://icons/bob', etag: '"a"' }]);
  });

  it('unwraps a pres-content document (what Blink publishes) to its image', async () => {
    const body = new TextEncoder().encode(
      serializePresContent({ data: png, mimeType: 'image/png', encoding: 'base64' }),
    );
    const { get } = server([{ status: 200, contentType: 'application/vnd.oma.pres-content+xml', body }]);
    const icon = await new ContactIcons(createMemoryStorage().stateOf('x'), get).fetch('http://xcap/icon');
    expect(icon).toMatchObject({ mimeType: 'image/png', data: png });
  });

  it.each([
    [{ status: 200, contentType: 'text/html', body: png }, 'bad-type'],
    [{ status: 200, contentType: 'image/png', body: new Uint8Array(MAX_ICON_BYTES + 1) }, 'too-large'],
    [{ status: 404, body: new Uint8Array() }, 'fetch-failed'],
  ] as const)('refuses %#: %s', async (response, reason) => {
    const { get } = server([response]);
    const error = await new ContactIcons(createMemoryStorage().stateOf('x'), get).fetch('http://i/x').catch((e) => e);
    expect(error).toBeInstanceOf(AccountIconError);
    expect(error).toMatchObject({ code: 'ACCOUNT_ICON', reason });
  });

  it('wraps a network failure', async () => {
    const icons = new ContactIcons(createMemoryStorage().stateOf('x'), async () => {
      throw new Error('ECONNREFUSED');
    });
    await expect(icons.fetch('http://i/x')).rejects.toMatchObject({ reason: 'fetch-failed' });
  });
});

describe('icons from XCAP URLs', () => {
  it('splits a document URL under the root and refuses anything else', () => {
    const root = 'http://x/xcap-root';
    expect(
      documentRefOf(root, `${root}/org.openmobilealliance.pres-content/users/sip:bob@x/oma_status-icon/index`),
    ).toEqual({
      auid: 'org.openmobilealliance.pres-content',
      xui: 'sip:bob@x',
      document: 'oma_status-icon/index',
    });
    expect(documentRefOf(root, 'http://elsewhere/icon.png')).toBeUndefined();
    expect(documentRefOf(root, `${root}/resource-lists/global/index`)).toBeUndefined();
    expect(documentRefOf(root, `${root}/a/users/b/index/~~/x`)).toBeUndefined();
  });

  it("fetches a contact icon stored in XCAP with the account's client, conditionally", async () => {
    const server = new FakeXcapServer();
    const root = 'http://xcap.test/xcap-root';
    const url = `${root}/org.openmobilealliance.pres-content/users/sip:bob@x/oma_status-icon/index`;
    server.put(url, serializePresContent({ data: png, mimeType: 'image/png', encoding: 'base64' }));
    const xcap = server.client(root, 'sip:alice@x');
    const fallback: IconHttpGet = async () => {
      throw new Error('not used');
    };
    const icons = new ContactIcons(
      createMemoryStorage().stateOf('x'),
      iconGetVia(() => xcap, fallback),
    );
    expect(await icons.fetch(url)).toMatchObject({ mimeType: 'image/png', data: png });
    expect(await icons.fetch(url)).toMatchObject({ mimeType: 'image/png', data: png });
    expect(server.log.filter((l) => l.startsWith('GET'))).toHaveLength(2);
  });
});

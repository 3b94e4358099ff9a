import { describe, expect, inject, it } from 'vitest';
import { fetchWithDigest } from './test-support/http-digest.js';
import { handWrittenRequest, localPortOf, openTcp, openTls, readResponse } from './test-support/raw-sip.js';

const tb = inject('testbed');
const [alice] = tb.users;
if (!alice) throw new Error('the testbed has no users');

describe('the testbed SIP listeners', () => {
  it('answers an OPTIONS written by hand on a raw TCP socket', async () => {
    const socket = await openTcp(tb.sip.tcpPort);
    try {
      socket.write(
        handWrittenRequest(
          'OPTIONS',
          `sip:${tb.domain}`,
          [`From: <${alice.aor}>;tag={tag}`, `To: <sip:${tb.domain}>`, 'CSeq: 1 OPTIONS'],
          localPortOf(socket),
          'TCP',
        ),
      );
      const response = await readResponse(socket);
      expect(response).toMatch(/^SIP\/2\.0 200 /);
      expect(response).toMatch(/\r\nCSeq: 1 OPTIONS/i);
    } finally {
      socket.destroy();
    }
  });

  it('answers an OPTIONS on a TLS socket whose certificate verifies against the testbed CA', async () => {
    const socket = await openTls(tb.sip.tlsPort, tb.caPem, tb.domain);
    try {
      socket.write(
        handWrittenRequest(
          'OPTIONS',
          `sips:${tb.domain}`,
          [`From: <${alice.aor}>;tag={tag}`, `To: <sip:${tb.domain}>`, 'CSeq: 7 OPTIONS'],
          localPortOf(socket),
          'TLS',
        ),
      );
      expect(await readResponse(socket)).toMatch(/^SIP\/2\.0 200 /);
    } finally {
      socket.destroy();
    }
  });

  it('refuses a TLS client that does not trust the testbed CA', async () => {
    await expect(openTls(tb.sip.tlsPort, '', tb.domain)).rejects.toThrow(/certificate/i);
  });

  it('challenges a REGISTER without credentials with a digest 401', async () => {
    const socket = await openTcp(tb.sip.tcpPort);
    try {
      const port = localPortOf(socket);
      socket.write(
        handWrittenRequest(
          'REGISTER',
          `sip:${tb.domain}`,
          [
            `From: <${alice.aor}>;tag={tag}`,
            `To: <${alice.aor}>`,
            'CSeq: 1 REGISTER',
            `Contact: <sip:alice@127.0.0.1:${port};transport=tcp>`,
            'Expires: 60',
          ],
          port,
          'TCP',
        ),
      );
      const response = await readResponse(socket);
      expect(response).toMatch(/^SIP\/2\.0 401 /);
      const challenge = /\r\nWWW-Authenticate: (.*)/i.exec(response)?.[1] ?? '';
      expect(challenge).toMatch(/^Digest /);
      expect(challenge).toContain(`realm="${tb.domain}"`);
      expect(challenge).toMatch(/nonce="[^"]+"/);
      expect(challenge).toMatch(/qop="auth"/);
      expect(challenge).toContain(`algorithm=${tb.digestAlgorithm}`);
    } finally {
      socket.destroy();
    }
  });
});

describe('the testbed XCAP server', () => {
  const documentUrl = `${tb.xcap.root}/resource-lists/users/${alice.aor}/index`;
  const document = `<?xml version="1.0" encoding="UTF-8"?>
<rl:resource-lists xmlns:rl="urn:ietf:params:xml:ns:resource-lists"><rl:list name="smoke"><rl:entry uri="sip:bob@${tb.domain}"/></rl:list></rl:resource-lists>`;
  const put = (body: string, headers: Record<string, string> = {}) =>
    fetchWithDigest(
      documentUrl,
      { method: 'PUT', body, headers: { 'Content-Type': 'application/resource-lists+xml', ...headers } },
      alice.username,
      alice.password,
    );

  it('stores a resource-lists document and returns it byte for byte with an ETag', async () => {
    const stored = await put(document);
    expect(stored.status).toBe(200);
    const etag = stored.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const read = await fetchWithDigest(documentUrl, { method: 'GET' }, alice.username, alice.password);
    expect(read.status).toBe(200);
    expect(read.headers.get('content-type')).toBe('application/resource-lists+xml');
    expect(read.headers.get('etag')).toBe(etag);
    expect(await read.text()).toBe(document);
  });

  it('rejects a write with a stale If-Match with 412', async () => {
    const first = await put(document);
    const staleEtag = first.headers.get('etag') ?? '';
    const second = await put(document.replace('smoke', 'smoke2'), { 'If-Match': staleEtag });
    expect(second.status).toBe(200);
    const stale = await put(document.replace('smoke', 'smoke3'), { 'If-Match': staleEtag });
    expect(stale.status).toBe(412);
    const read = await fetchWithDigest(documentUrl, { method: 'GET' }, alice.username, alice.password);
    expect(await read.text()).toContain('name="smoke2"');
  });

  it('stores an address-book-sized document (300 KB) intact', async () => {
    const entries = Array.from(
      { length: 3000 },
      (_, i) =>
        `<rl:entry uri="sip:contact${i}@example.org"><rl:display-name>Contact ${i}</rl:display-name></rl:entry>`,
    ).join('');
    const big = `<?xml version="1.0" encoding="UTF-8"?>
<rl:resource-lists xmlns:rl="urn:ietf:params:xml:ns:resource-lists"><rl:list name="big">${entries}</rl:list></rl:resource-lists>`;
    expect(big.length).toBeGreaterThan(250_000);
    expect((await put(big)).status).toBe(200);
    const read = await fetchWithDigest(documentUrl, { method: 'GET' }, alice.username, alice.password);
    expect(await read.text()).toBe(big);
  });

  it('refuses requests without valid credentials', async () => {
    const anonymous = await fetch(documentUrl);
    expect(anonymous.status).toBe(401);
    const wrong = await fetchWithDigest(documentUrl, { method: 'GET' }, alice.username, 'not-the-password');
    expect(wrong.status).toBe(401);
  });

  it("refuses one user's access to another user's documents", async () => {
    const bob = tb.users[1];
    if (!bob) throw new Error('no second user');
    const response = await fetchWithDigest(documentUrl, { method: 'GET' }, bob.username, bob.password);
    expect(response.status).toBe(403);
  });

  it("lets any authenticated user read another user's icon, and nothing else of theirs", async () => {
    const bob = tb.users[1];
    if (!bob) throw new Error('no second user');
    const iconUrl = `${tb.xcap.root}/org.openmobilealliance.pres-content/users/${alice.aor}/oma_status-icon/index`;
    const icon = `<?xml version="1.0" encoding="UTF-8"?>
<content xmlns="urn:oma:xml:prs:pres-content"><mime-type>image/png</mime-type><encoding>base64</encoding><data>iVBORw0KGgo=</data></content>`;
    const put = await fetchWithDigest(
      iconUrl,
      { method: 'PUT', body: icon, headers: { 'Content-Type': 'application/vnd.oma.pres-content+xml' } },
      alice.username,
      alice.password,
    );
    expect(put.status).toBe(200);
    const read = await fetchWithDigest(iconUrl, { method: 'GET' }, bob.username, bob.password);
    expect(read.status).toBe(200);
    expect(await read.text()).toBe(icon);
    const overwrite = await fetchWithDigest(
      iconUrl,
      { method: 'PUT', body: icon, headers: { 'Content-Type': 'application/vnd.oma.pres-content+xml' } },
      bob.username,
      bob.password,
    );
    expect(overwrite.status).toBe(403);
  });

  it('serves an xcap-caps document naming the applications the mission needs', async () => {
    const response = await fetchWithDigest(
      `${tb.xcap.root}/xcap-caps/global/index`,
      { method: 'GET' },
      alice.username,
      alice.password,
    );
    expect(response.status).toBe(200);
    const caps = await response.text();
    for (const auid of [
      'resource-lists',
      'rls-services',
      'org.openmobilealliance.pres-rules',
      'org.openmobilealliance.pres-content',
      'org.openmobilealliance.xcap-directory',
      'pidf-manipulation',
    ]) {
      expect(caps).toContain(`<auid>${auid}</auid>`);
    }
  });
});

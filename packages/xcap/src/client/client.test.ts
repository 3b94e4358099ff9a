import {
  createDigestCredentials,
  isDigestChallenge,
  parseAuthChallenges,
  parseAuthorization,
} from '@simplekit/sip-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  XcapAuthenticationFailed,
  XcapConflict,
  XcapInsecureAuth,
  XcapNetworkError,
  XcapNotFound,
  XcapPreconditionFailed,
  XcapServerError,
  XcapTimeout,
} from '../errors.js';
import type { XcapTraceEntry } from '../trace/trace.js';
import { createXcapClient, type XcapClientOptions } from './client.js';
import { type Loopback, type SeenRequest, startLoopback } from './test-support/loopback.js';

const XUI = 'sip:alice@example.com';
const RL = { auid: 'resource-lists' } as const;
let server: Loopback;

beforeEach(async () => {
  server = await startLoopback();
});
afterEach(async () => {
  await server.close();
});

function client(extra: Partial<XcapClientOptions> = {}) {
  return createXcapClient({ root: `${server.origin}/xcap-root/`, xui: XUI, sleep: async () => {}, ...extra });
}

describe('documents and ETags', () => {
  it('reads a document at its RFC 4825 URI and makes the next write conditional on its ETag', async () => {
    server.handle((req, res) => {
      res.setHeader('ETag', req.method === 'GET' ? '"v1"' : '"v2"');
      res.statusCode = 200;
      res.end(req.method === 'GET' ? '<resource-lists/>' : '');
    });
    const xcap = client();
    const doc = await xcap.getDocument(RL);
    expect(doc.uri).toBe(`${server.origin}/xcap-root/resource-lists/users/sip:alice@example.com/index`);
    expect(doc.etag).toBe('"v1"');
    expect(doc.body).toBe('<resource-lists/>');
    const written = await xcap.putDocument(RL, '<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"/>');
    expect(written).toEqual({ uri: doc.uri, etag: '"v2"', created: false });
    const put = server.requests[1] as SeenRequest;
    expect(put.headers['if-match']).toBe('"v1"');
    expect(put.headers['content-type']).toBe('application/resource-lists+xml');
    expect(xcap.etagOf(RL)).toBe('"v2"');
  });

  it('PUTs a pidf-manipulation document (RFC 4827) as application/pidf+xml', async () => {
    server.handle((_req, res) => {
      res.setHeader('ETag', '"p1"');
      res.statusCode = 200;
      res.end();
    });
    await client().putDocument({ auid: 'pidf-manipulation' }, '<presence xmlns="urn:ietf:params:xml:ns:pidf"/>');
    expect(server.requests[0]?.url).toBe('/xcap-root/pidf-manipulation/users/sip:alice@example.com/index');
    expect(server.requests[0]?.headers['content-type']).toBe('application/pidf+xml');
  });

  it('creates with If-None-Match: * when no ETag is known', async () => {
    server.handle((_req, res) => {
      res.setHeader('ETag', '"new"');
      res.statusCode = 201;
      res.end();
    });
    const result = await client().putDocument({ auid: 'org.openmobilealliance.pres-rules' }, '<ruleset/>');
    expect(result.created).toBe(true);
    expect(server.requests[0]?.headers['if-none-match']).toBe('*');
    expect(server.requests[0]?.headers['content-type']).toBe('application/auth-policy+xml');
  });

  it('turns a 412 into XcapPreconditionFailed naming the document to refetch and forgets the stale ETag', async () => {
    server.handle((req, res) => {
      res.statusCode = req.method === 'GET' ? 200 : 412;
      res.setHeader('ETag', req.method === 'GET' ? '"old"' : '"newer"');
      res.end();
    });
    const xcap = client();
    await xcap.getDocument(RL);
    const error = await xcap
      .putElement(RL, 'resource-lists/list[@name="friends"]', '<list name="friends"/>')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XcapPreconditionFailed);
    const failed = error as XcapPreconditionFailed;
    expect(failed.code).toBe('XCAP_PRECONDITION_FAILED');
    expect(failed.documentUri).toBe(xcap.documentUri(RL));
    expect(failed.expectedEtag).toBe('"old"');
    expect(failed.currentEtag).toBe('"newer"');
    expect(xcap.etagOf(RL)).toBeUndefined();
  });

  it('answers undefined to a conditional GET that the server answers 304', async () => {
    server.handle((req, res) => {
      res.statusCode = req.headers['if-none-match'] === '"v1"' ? 304 : 200;
      res.setHeader('ETag', '"v1"');
      res.end(res.statusCode === 200 ? '<x/>' : undefined);
    });
    const xcap = client();
    await xcap.getDocument(RL);
    expect(await xcap.getDocumentIfChanged(RL)).toBeUndefined();
    expect((await xcap.getDocumentIfChanged(RL, '"v0"'))?.body).toBe('<x/>');
  });

  it('forgets the ETag of a deleted document so the next PUT is a create', async () => {
    server.handle((req, res) => {
      res.statusCode = 200;
      if (req.method === 'GET') res.setHeader('ETag', '"v1"');
      res.end();
    });
    const xcap = client();
    await xcap.getDocument(RL);
    await xcap.deleteDocument(RL);
    expect(server.requests[1]?.headers['if-match']).toBe('"v1"');
    await xcap.putDocument(RL, '<resource-lists/>');
    expect(server.requests[2]?.headers['if-none-match']).toBe('*');
  });
});

describe('node selectors on the wire', () => {
  it('percent-encodes the selector and sends prefixes in the xmlns() query', async () => {
    server.handle((_req, res) => {
      res.end('<entry/>');
    });
    await client().getElement(RL, {
      steps: [{ name: 'rl:resource-lists' }, { name: 'rl:list', attribute: { name: 'name', value: 'my friends' } }],
      namespaces: { rl: 'urn:ietf:params:xml:ns:resource-lists' },
    });
    expect(server.requests[0]?.url).toBe(
      '/xcap-root/resource-lists/users/sip:alice@example.com/index/~~/rl:resource-lists/rl:list%5B@name=%22my%20friends%22%5D' +
        '?xmlns(rl=urn:ietf:params:xml:ns:resource-lists)',
    );
  });

  it('writes attribute values XML-escaped as application/xcap-att+xml and reads them back decoded', async () => {
    server.handle((req, res) => {
      res.statusCode = 200;
      res.end(req.method === 'GET' ? 'Tom &amp; Jerry' : '');
    });
    const xcap = client();
    const selector = 'resource-lists/list[@name="a"]/@name';
    expect((await xcap.getAttribute(RL, selector)).value).toBe('Tom & Jerry');
    await xcap.putAttribute(RL, selector, 'R&D "lab"', { condition: 'unconditional' });
    expect(server.requests[1]?.body).toBe('R&amp;D &quot;lab&quot;');
    expect(server.requests[1]?.headers['content-type']).toBe('application/xcap-att+xml');
    expect(server.requests[1]?.headers['if-match']).toBeUndefined();
  });
});

describe('errors', () => {
  it.each([
    [404, XcapNotFound, 'XCAP_NOT_FOUND'],
    [500, XcapServerError, 'XCAP_SERVER_ERROR'],
    [403, XcapAuthenticationFailed, 'XCAP_AUTH_FAILED'],
  ] as const)('maps HTTP %i to its typed error', async (status, type, code) => {
    server.handle((_req, res) => {
      res.statusCode = status;
      res.end('nope');
    });
    const error = await client({ readRetries: 0 })
      .getDocument(RL)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect((error as XcapServerError).code).toBe(code);
    expect((error as XcapServerError).response.body).toBe('nope');
  });

  it('parses the xcap-error body of a 409 (RFC 4825 §11.2 uniqueness example)', async () => {
    server.handle((_req, res) => {
      res.statusCode = 409;
      res.setHeader('Content-Type', 'application/xcap-error+xml');
      res.end(
        '<?xml version="1.0" encoding="UTF-8"?><xcap-error xmlns="urn:ietf:params:xml:ns:xcap-error">' +
          '<uniqueness-failure><exists field="rls-services/service/@uri">' +
          '<alt-value>sip:mybuddies@example.com</alt-value></exists></uniqueness-failure></xcap-error>',
      );
    });
    const error = await client()
      .putDocument({ auid: 'rls-services' }, '<rls-services/>')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XcapConflict);
    expect((error as XcapConflict).conditions).toEqual([
      {
        kind: 'uniqueness-failure',
        exists: [{ field: 'rls-services/service/@uri', altValues: ['sip:mybuddies@example.com'] }],
      },
    ]);
  });

  it('marks a 500 to an If-Match write as a possible precondition failure (Kamailio races)', async () => {
    server.handle((req, res) => {
      res.statusCode = req.method === 'GET' ? 200 : 500;
      if (req.method === 'GET') res.setHeader('ETag', '"v1"');
      res.end(req.method === 'GET' ? '<resource-lists/>' : '');
    });
    const xcap = client();
    await xcap.getDocument(RL);
    const error = await xcap.putDocument(RL, '<x/>').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XcapServerError);
    expect(error).toMatchObject({
      code: 'XCAP_SERVER_ERROR',
      status: 500,
      mayBePreconditionFailure: true,
      documentUri: xcap.documentUri(RL),
      expectedEtag: '"v1"',
    });
    expect(server.requests[1]?.headers['if-match']).toBe('"v1"');
    // The ETag stays cached: the write may have failed for another reason, and a refetch refreshes it anyway.
    expect(xcap.etagOf(RL)).toBe('"v1"');
  });

  it('marks a 500 to a create (If-None-Match: *) too, but not to an unconditional write or a read', async () => {
    server.handle((_req, res) => {
      res.statusCode = 500;
      res.end();
    });
    const xcap = client({ readRetries: 0 });
    await expect(xcap.putDocument(RL, '<x/>')).rejects.toMatchObject({
      mayBePreconditionFailure: true,
      expectedEtag: '*',
    });
    await expect(xcap.putDocument(RL, '<x/>', { condition: 'unconditional' })).rejects.toMatchObject({
      mayBePreconditionFailure: false,
      documentUri: undefined,
    });
    await expect(xcap.getDocument(RL)).rejects.toMatchObject({ mayBePreconditionFailure: false });
    await expect(xcap.deleteElement(RL, 'resource-lists/list[1]')).rejects.toMatchObject({
      mayBePreconditionFailure: false,
    });
  });

  it('does not mark other server errors of conditional writes', async () => {
    server.handle((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    await expect(client().putDocument(RL, '<x/>', { condition: { ifMatch: '"v9"' } })).rejects.toMatchObject({
      status: 503,
      mayBePreconditionFailure: false,
    });
  });

  it('retries reads after 503 but never writes', async () => {
    let calls = 0;
    server.handle((_req, res) => {
      calls += 1;
      res.statusCode = calls === 1 ? 503 : 200;
      res.end('<ok/>');
    });
    const xcap = client();
    expect((await xcap.getDocument(RL)).body).toBe('<ok/>');
    expect(calls).toBe(2);
    server.handle((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    await expect(xcap.putDocument(RL, '<x/>')).rejects.toBeInstanceOf(XcapServerError);
    expect(server.requests).toHaveLength(3);
  });

  it('sends nothing before a 503 Retry-After has passed, then goes again', async () => {
    let clock = 1_000_000;
    server.handle((_req, res) => {
      res.statusCode = 503;
      res.setHeader('Retry-After', '3');
      res.end();
    });
    const xcap = client({ now: () => clock });
    const first = await xcap.getDocument(RL).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(XcapServerError);
    expect(first).toMatchObject({ status: 503, retryAfterMs: 3000, notSent: false });
    // The read is not retried within the pause, and neither a read nor a write made during it is sent.
    expect(server.requests).toHaveLength(1);
    clock += 1000;
    await expect(xcap.putDocument(RL, '<x/>')).rejects.toMatchObject({
      code: 'XCAP_SERVER_ERROR',
      status: 503,
      notSent: true,
      retryAfterMs: 2000,
    });
    await expect(xcap.getDocument(RL)).rejects.toMatchObject({ notSent: true });
    expect(server.requests).toHaveLength(1);
    clock += 2000;
    server.handle((_req, res) => {
      res.statusCode = 200;
      res.end('<ok/>');
    });
    expect((await xcap.getDocument(RL)).body).toBe('<ok/>');
    expect(server.requests).toHaveLength(2);
  });

  it('waits out a short Retry-After on a read when allowed to, and honours an HTTP-date', async () => {
    const waits: number[] = [];
    let calls = 0;
    server.handle((_req, res) => {
      calls += 1;
      res.statusCode = calls === 1 ? 503 : 200;
      if (calls === 1) res.setHeader('Retry-After', new Date(Date.now() + 2000).toUTCString());
      res.end('<ok/>');
    });
    const xcap = client({
      maxRetryAfterMs: 5000,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect((await xcap.getDocument(RL)).body).toBe('<ok/>');
    expect(waits).toHaveLength(1);
    // An HTTP-date has one-second resolution: the wait is what is left of the two seconds, at least the backoff.
    expect(waits[0]).toBeGreaterThanOrEqual(1000);
    expect(waits[0]).toBeLessThanOrEqual(2000);
  });

  it('keeps the Retry-After of a 500 too, and none when the server gives none', async () => {
    server.handle((_req, res) => {
      res.statusCode = 500;
      res.setHeader('Retry-After', '1');
      res.end();
    });
    const xcap = client({ readRetries: 0 });
    await expect(xcap.putDocument(RL, '<x/>', { condition: 'unconditional' })).rejects.toMatchObject({
      status: 500,
      retryAfterMs: 1000,
    });
    const plain = client({ readRetries: 0 });
    server.handle((_req, res) => {
      res.statusCode = 500;
      res.end();
    });
    await expect(plain.getDocument(RL)).rejects.toMatchObject({ status: 500, retryAfterMs: undefined });
    await expect(plain.getDocument(RL)).rejects.toMatchObject({ notSent: false });
  });

  it('gives up with XcapTimeout when the server does not answer in time', async () => {
    server.handle(() => {});
    const error = await client({ timeoutMs: 100, readRetries: 1 })
      .getDocument(RL)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XcapTimeout);
    expect(server.requests).toHaveLength(2);
  });

  it('reports a refused connection as XcapNetworkError', async () => {
    const origin = server.origin;
    await server.close();
    const xcap = createXcapClient({ root: origin, xui: XUI, readRetries: 0 });
    const error = await xcap.getDocument(RL).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XcapNetworkError);
    server = await startLoopback();
  });
});

function digestServer(algorithm: 'MD5' | 'SHA-256', password: string, onRequest?: (req: SeenRequest) => void) {
  let nonce = 0;
  server.handle((req, res) => {
    onRequest?.(req);
    const header = req.headers.authorization;
    if (header) {
      const creds = parseAuthorization(header);
      const [challenge] = parseAuthChallenges(
        `Digest realm="example.com", nonce="n${nonce}", qop="auth", algorithm=${algorithm}`,
      );
      if (creds.kind === 'digest' && challenge && isDigestChallenge(challenge) && creds.nc && creds.cnonce) {
        const expected = createDigestCredentials({
          challenge,
          method: req.method,
          uri: req.url,
          username: 'alice',
          password,
          nonceCount: Number.parseInt(creds.nc, 16),
          cnonce: creds.cnonce,
        });
        if (expected.response === creds.response && creds.uri === req.url) {
          res.setHeader('ETag', '"ok"');
          res.end('<resource-lists/>');
          return;
        }
      }
    }
    nonce += 1;
    res.statusCode = 401;
    res.setHeader(
      'WWW-Authenticate',
      `Digest realm="example.com", nonce="n${nonce}", qop="auth", algorithm=${algorithm}`,
    );
    res.end();
  });
}

describe('authentication', () => {
  it.each(['MD5', 'SHA-256'] as const)('answers %s digest challenges and reuses the nonce afterwards', async (alg) => {
    digestServer(alg, 'secret');
    const xcap = client({ credentials: { username: 'alice', password: 'secret' } });
    await xcap.getDocument(RL);
    await xcap.getDocument({ ...RL, document: 'other' });
    expect(server.requests.map((r) => Boolean(r.headers.authorization))).toEqual([false, true, true]);
    expect(server.requests[2]?.headers.authorization).toContain('nc=00000002');
  });

  it('fails with XcapAuthenticationFailed on a wrong password without looping', async () => {
    digestServer('MD5', 'secret');
    const error = await client({ credentials: { username: 'alice', password: 'wrong' } })
      .getDocument(RL)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XcapAuthenticationFailed);
    expect(server.requests).toHaveLength(2);
  });

  it('refuses Basic over plain HTTP unless explicitly allowed', async () => {
    server.handle((req, res) => {
      res.statusCode = req.headers.authorization === `Basic ${btoa('alice:pw')}` ? 200 : 401;
      res.setHeader('WWW-Authenticate', 'Basic realm="xcap"');
      res.end();
    });
    await expect(client({ credentials: { username: 'alice', password: 'pw' } }).getDocument(RL)).rejects.toBeInstanceOf(
      XcapInsecureAuth,
    );
    const allowed = client({ credentials: { username: 'alice', password: 'pw', allowInsecureBasic: true } });
    expect((await allowed.getDocument(RL)).uri).toContain('/resource-lists/');
  });

  it('traces both directions in the sip-core record format with credentials redacted', async () => {
    digestServer('MD5', 'secret');
    const entries: XcapTraceEntry[] = [];
    const xcap = client({
      credentials: { username: 'alice', password: 'secret' },
      trace: { write: (e) => entries.push(e) },
      now: () => 7,
    });
    await xcap.getDocument(RL);
    expect(entries.map((e) => [e.kind, e.direction, e.protocol, e.transport, e.local, e.timestamp])).toEqual([
      ['message', 'sent', 'xcap', 'http', '', 7],
      ['message', 'received', 'xcap', 'http', '', 7],
      ['message', 'sent', 'xcap', 'http', '', 7],
      ['message', 'received', 'xcap', 'http', '', 7],
    ]);
    expect(entries[0]?.text).toMatch(
      /^GET \/xcap-root\/resource-lists\/users\/sip:alice@example.com\/index HTTP\/1.1\r\n/,
    );
    expect(entries[1]?.text).toMatch(/^HTTP\/1.1 401 Unauthorized\r\n/);
    expect(entries[2]?.text).toContain('authorization: Digest [redacted]\r\n');
    expect(entries.some((e) => /response=|secret/.test(e.text))).toBe(false);
    expect(entries[0]?.remote).toBe(server.origin.replace('http://', ''));
  });
});

import { createHash, randomBytes } from 'node:crypto';

/**
 * The smallest HTTP digest (RFC 7616, qop=auth) that lets the testbed's own smoke tests talk to XCAP without
 * depending on the packages under test. Clients use @simplekit/xcap.
 */
export async function fetchWithDigest(
  url: string,
  init: RequestInit,
  username: string,
  password: string,
): Promise<Response> {
  const first = await fetch(url, init);
  if (first.status !== 401) return first;
  await first.arrayBuffer();
  const challenge = first.headers.get('www-authenticate') ?? '';
  const param = (name: string) => new RegExp(`${name}="?([^",]+)"?`).exec(challenge)?.[1] ?? '';
  const algorithm = param('algorithm') || 'MD5';
  const hash = (s: string) =>
    createHash(algorithm === 'SHA-256' ? 'sha256' : 'md5')
      .update(s)
      .digest('hex');
  const realm = param('realm');
  const nonce = param('nonce');
  const path = new URL(url).pathname;
  const cnonce = randomBytes(8).toString('hex');
  const nc = '00000001';
  const ha1 = hash(`${username}:${realm}:${password}`);
  const ha2 = hash(`${init.method ?? 'GET'}:${path}`);
  const response = hash(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
  const authorization = `Digest username="${username}", realm="${realm}", nonce="${nonce}", uri="${path}", algorithm=${algorithm}, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`;
  return fetch(url, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), Authorization: authorization },
  });
}

import { randomBytes } from 'node:crypto';
import type { TestbedUser } from '@simplekit/testbed';
import { parseAuthChallenges, selectStrongestChallenge } from '../../auth/challenge.js';
import { createDigestCredentials, formatAuthorization } from '../../auth/digest.js';

/** PUTs an XCAP document with HTTP Digest, reusing the package's own digest codec (tests only). */
export async function xcapPut(url: string, contentType: string, body: string, user: TestbedUser): Promise<number> {
  return (await xcapWrite('PUT', url, user, { contentType, body })).status;
}

/** PUT or DELETE with HTTP Digest; the answer's status and ETag. */
export async function xcapWrite(
  method: 'PUT' | 'DELETE',
  url: string,
  user: TestbedUser,
  content?: { readonly contentType: string; readonly body: string },
): Promise<{ status: number; etag: string | null }> {
  const headers: Record<string, string> = content ? { 'Content-Type': content.contentType } : {};
  const init: RequestInit = content ? { method, body: content.body, headers } : { method, headers };
  const first = await fetch(url, init);
  if (first.status !== 401) {
    await first.arrayBuffer();
    return { status: first.status, etag: first.headers.get('etag') };
  }
  await first.arrayBuffer();
  const challenge = selectStrongestChallenge(parseAuthChallenges(first.headers.get('www-authenticate') ?? ''));
  if (challenge === undefined) throw new Error('no usable XCAP challenge');
  const authorization = formatAuthorization(
    createDigestCredentials({
      challenge,
      method,
      uri: new URL(url).pathname,
      username: user.username,
      password: user.password,
      nonceCount: 1,
      cnonce: randomBytes(8).toString('hex'),
    }),
  );
  const second = await fetch(url, { ...init, headers: { ...headers, Authorization: authorization } });
  await second.arrayBuffer();
  return { status: second.status, etag: second.headers.get('etag') };
}

/** OMA pres-rules that let the listed identities see everything. */
export function presRulesAllowing(uris: readonly string[]): string {
  const ones = uris.map((u) => `<cr:one id="${u}"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<cr:ruleset xmlns:pr="urn:ietf:params:xml:ns:pres-rules" xmlns:cr="urn:ietf:params:xml:ns:common-policy"><cr:rule id="allow"><cr:conditions><cr:identity>${ones}</cr:identity></cr:conditions><cr:actions><pr:sub-handling>allow</pr:sub-handling></cr:actions><cr:transformations><pr:provide-services><pr:all-services/></pr:provide-services><pr:provide-persons><pr:all-persons/></pr:provide-persons><pr:provide-devices><pr:all-devices/></pr:provide-devices><pr:provide-all-attributes/></cr:transformations></cr:rule></cr:ruleset>`;
}

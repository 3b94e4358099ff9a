import {
  bodyText,
  type createMemoryTraceSink,
  createStaticResolver,
  createUserAgent,
  type UserAgent,
} from '@simplekit/sip-core';
import type { TestbedInfo, TestbedUser } from '@simplekit/testbed';
import { createXcapClient } from '@simplekit/xcap';

/** A PIDF document for `aor` saying open, with `note`. */
export function pidfWithNote(aor: string, note: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="${aor}"><tuple id="peer"><status><basic>open</basic></status><note>${note}</note></tuple></presence>`;
}

/** OMA pres-rules letting `watchers` see everything (RFC 5025 with the OMA extensions Kamailio reads). */
export function presRulesAllowing(watchers: readonly string[]): string {
  const ones = watchers.map((w) => `<cr:one id="${w}"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<cr:ruleset xmlns:cr="urn:ietf:params:xml:ns:common-policy" xmlns:pr="urn:ietf:params:xml:ns:pres-rules"><cr:rule id="allow"><cr:conditions><cr:identity>${ones}</cr:identity></cr:conditions><cr:actions><pr:sub-handling>allow</pr:sub-handling></cr:actions><cr:transformations><pr:provide-services><pr:all-services/></pr:provide-services><pr:provide-persons><pr:all-persons/></pr:provide-persons><pr:provide-devices><pr:all-devices/></pr:provide-devices><pr:provide-all-attributes/></cr:transformations></cr:rule></cr:ruleset>`;
}

/**
 * A plain sip-core user agent for `user`, straight to the server (no fault proxy): the peer whose presence the engine
 * watches and who watches the engine. Registers, lets `watchers` see it and publishes `note`.
 */
export async function peerAgent(
  tb: TestbedInfo,
  user: TestbedUser,
  watchers: readonly string[],
  note: string,
): Promise<{ ua: UserAgent; publish(note: string): Promise<void> }> {
  const xcap = createXcapClient({ root: tb.xcap.root, xui: user.aor, credentials: user });
  await xcap.putDocument({ auid: 'org.openmobilealliance.pres-rules' }, presRulesAllowing(watchers), {
    condition: 'unconditional',
    contentType: 'application/auth-policy+xml',
  });
  const ua = createUserAgent({
    aor: user.aor,
    credentials: { username: user.username, password: user.password },
    transport: 'tcp',
    resolver: createStaticResolver([{ transport: 'tcp', address: tb.host, port: tb.sip.tcpPort, host: tb.domain }]),
    userAgent: 'SimpleKit faults peer',
    reconnect: { baseMs: 300, maxMs: 2_000 },
  });
  await ua.register({ expires: 600 });
  const publication = await ua.publish('presence', 'application/pidf+xml', pidfWithNote(user.aor, note), {
    expires: 600,
  });
  return {
    ua,
    publish: async (next) => {
      await publication.update(new TextEncoder().encode(pidfWithNote(user.aor, next)));
    },
  };
}

/** One subscription of `ua` to `target`'s presence: the body of its first NOTIFY with a tuple, then it ends it. */
export async function presenceOnce(ua: UserAgent, target: string, timeoutMs = 5000): Promise<string> {
  let resolveBody: (body: string) => void = () => undefined;
  const body = new Promise<string>((resolve) => {
    resolveBody = resolve;
  });
  const subscription = await ua.subscribe(target, 'presence', {
    expires: 60,
    // The first NOTIFY often comes before the 2xx (RFC 6665 §4.1.2.4).
    onNotify: (n) => {
      const text = bodyText(n);
      if (text.includes('<tuple')) resolveBody(text);
    },
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      body,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no presence NOTIFY from ${target}`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    await subscription.stop().catch(() => undefined);
  }
}

export type MemoryTrace = ReturnType<typeof createMemoryTraceSink>;

const header = (text: string, names: string): string | undefined =>
  new RegExp(`^(?:${names})[ \\t]*:[ \\t]*([^\\r\\n]+)`, 'im').exec(text)?.[1]?.trim();

/**
 * The dialogs that NOTIFYs of `event` holding `marker` came in on since record `from` of the engine's SIP trace, each
 * with the statuses the engine answered them with. The server sends one NOTIFY per subscription it holds for us, so
 * this is what the server holds; a dialog the engine answers 481 is one it no longer knows (RFC 6665 §4.1.3: the
 * server must then drop it).
 */
export function notifyDialogs(trace: MemoryTrace, from: number, event: string, marker: string): Map<string, number[]> {
  const records = trace.records.slice(from);
  const dialogs = new Map<string, number[]>();
  const wanted = new Set<string>();
  for (const record of records) {
    if (record.kind !== 'message' || record.direction !== 'received') continue;
    const text = record.text;
    if (!text.startsWith('NOTIFY ') || !text.includes(marker)) continue;
    if (header(text, 'Event|o')?.split(';')[0]?.toLowerCase() !== event) continue;
    const callId = header(text, 'Call-ID|i');
    const cseq = header(text, 'CSeq');
    if (callId === undefined || cseq === undefined) continue;
    if (!dialogs.has(callId)) dialogs.set(callId, []);
    wanted.add(`${callId} ${cseq}`);
  }
  for (const record of records) {
    if (record.kind !== 'message' || record.direction !== 'sent' || !record.text.startsWith('SIP/2.0 ')) continue;
    const callId = header(record.text, 'Call-ID|i');
    if (callId === undefined || !wanted.has(`${callId} ${header(record.text, 'CSeq')}`)) continue;
    dialogs.get(callId)?.push(Number(record.text.slice(8, 11)));
  }
  return dialogs;
}

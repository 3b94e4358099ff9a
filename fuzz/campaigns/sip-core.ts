// Campaigns for @simplekit/sip-core: messages (and every lazy header accessor), the stream framer under every
// chunking, URIs, digest challenges and credentials.
import { Buffer } from 'node:buffer';
import { fileURLToPath } from 'node:url';
import {
  formatUri,
  parseAuthChallenges,
  parseAuthorization,
  parseMessage,
  parseUri,
  SipError,
  type SipFrame,
  type SipMessage,
  SipStreamFramer,
  serializeMessage,
} from '@simplekit/sip-core';
import fc from 'fast-check';
import { type Campaign, defineCampaign, type FuzzCampaign } from '../harness.js';
import { mutated, SIP_TOKENS, seedFiles } from '../mutate.js';

const fixtures = fileURLToPath(new URL('../../packages/sip-core/test/fixtures/', import.meta.url));
const messages = [
  ...seedFiles(`${fixtures}corpus`),
  ...seedFiles(`${fixtures}valid`),
  ...seedFiles(`${fixtures}invalid`),
];

const isSipError = (error: unknown): boolean => error instanceof SipError;

/** Touches every typed accessor, so the lazily parsed headers are fuzzed too. */
function readEverything(message: SipMessage): void {
  const h = message.headers;
  const accessors = [
    // The Request-URI and a Via's sent-protocol and sent-by are checked when first read.
    () => (message.kind === 'request' ? message.uri : undefined),
    () => h.via().map((v) => [v.protocolName, v.protocolVersion, v.transport, v.host, v.port, v.branch]),
    () => h.topVia().host,
    () => h.from().uri,
    () => h.to().uri,
    () => h.callId(),
    () => h.cseq(),
    () => h.contact().map((c) => ('uri' in c ? c.uri : c)),
    () => h.route().map((r) => r.uri),
    () => h.recordRoute().map((r) => r.uri),
    () => h.maxForwards(),
    () => h.expires(),
    () => h.minExpires(),
    () => h.contentLength(),
    () => h.contentType(),
    () => h.event(),
    () => h.allowEvents(),
    () => h.subscriptionState(),
    () => h.sipETag(),
    () => h.sipIfMatch(),
    () => h.wwwAuthenticate(),
    () => h.proxyAuthenticate(),
    () => h.authorization(),
    () => h.proxyAuthorization(),
    () => h.require(),
    () => h.supported(),
    () => h.unsupported(),
    () => h.accept(),
    () => h.retryAfter(),
    () => h.userAgent(),
  ];
  for (const read of accessors) {
    // Each header fails on its own: one malformed header must not hide what the others do.
    try {
      read();
    } catch (error) {
      if (!isSipError(error)) throw error;
    }
  }
}

const message: Campaign<string, Uint8Array> = {
  name: 'sip-core/message',
  input: mutated(messages, SIP_TOKENS),
  parse: (text) => {
    const parsed = parseMessage(Buffer.from(text, 'latin1'));
    readEverything(parsed);
    return serializeMessage(parsed);
  },
  isTypedError: isSipError,
  // README "Serialisation normalisation": what serializeMessage writes parses back and serialises the same.
  roundTrip: (written) => {
    const again = serializeMessage(parseMessage(written));
    if (Buffer.compare(Buffer.from(again), Buffer.from(written)) !== 0) {
      throw new Error(`second serialisation differs:\n${Buffer.from(again).toString('latin1')}`);
    }
  },
};

function framesOf(chunks: readonly Buffer[]): SipFrame[] {
  const framer = new SipStreamFramer({ role: 'server' });
  return chunks.flatMap((chunk) => framer.push(chunk));
}

function describeFrames(frames: readonly SipFrame[]): string[] {
  return frames.map((f) => (f.type === 'message' ? Buffer.from(f.bytes).toString('latin1') : f.type));
}

type FramerInput = { readonly stream: string; readonly cuts: readonly number[] };

/** Whole stream in one push versus the same bytes cut anywhere: the frames must be the same. */
const framer: Campaign<FramerInput, { whole: string[]; bytes: Buffer }> = {
  name: 'sip-core/framer',
  input: fc.record({
    stream: fc
      .array(mutated(messages, SIP_TOKENS), { minLength: 1, maxLength: 3 })
      .map((parts) => parts.join(''))
      .map((s) => `\r\n\r\n${s}\r\n`),
    cuts: fc.array(fc.nat({ max: 1 << 16 }), { maxLength: 8 }),
  }),
  parse: ({ stream }) => {
    const bytes = Buffer.from(stream, 'latin1');
    const whole = describeFrames(framesOf([bytes]));
    return { whole, bytes };
  },
  isTypedError: isSipError,
  roundTrip: ({ whole, bytes }, { cuts }) => {
    const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
    const chunks: Buffer[] = [];
    let from = 0;
    for (const cut of at) {
      chunks.push(bytes.subarray(from, cut));
      from = cut;
    }
    chunks.push(bytes.subarray(from));
    const pieces = describeFrames(framesOf(chunks));
    if (JSON.stringify(pieces) !== JSON.stringify(whole)) {
      throw new Error(`frames depend on chunking: ${JSON.stringify(whole)} vs ${JSON.stringify(pieces)}`);
    }
  },
};

const uriSeeds = [
  'sip:alice@example.com',
  'sips:bob:secret@[2001:db8::1]:5061;transport=tls;lr?subject=hi&priority=urgent',
  'sip:%61lice@example.com;maddr=239.255.255.1;ttl=15',
  'sip:+1-212-555-1212:1234@gateway.com;user=phone',
  'tel:+1-201-555-0123;ext=1234;phone-context=example.com',
  'sip:alice@127.0.0.1:5060;ob;gr=urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6',
  'urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6',
  'http://example.com/a?b=c#d',
];

const uri: Campaign<string, string> = {
  name: 'sip-core/uri',
  input: mutated(uriSeeds, SIP_TOKENS),
  parse: (text) => formatUri(parseUri(text)),
  isTypedError: isSipError,
  // RFC 3261 §19.1.4 comparison is not byte equality, but a formatted URI must format the same again.
  roundTrip: (formatted) => {
    const again = formatUri(parseUri(formatted));
    if (again !== formatted) throw new Error(`formatUri is not stable: ${formatted} → ${again}`);
  },
};

const challengeSeeds = [
  'Digest realm="simplekit.test", nonce="5f0b2a", qop="auth", algorithm=MD5',
  'Digest realm="a", nonce="b", opaque="c", stale=true, algorithm=SHA-256, qop="auth,auth-int", domain="sip:a sip:b"',
  'Digest realm="x\\"y", nonce="n", userhash=true, charset=UTF-8, Basic realm="b"',
  'Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"',
];

const challenge: Campaign<string, number> = {
  name: 'sip-core/digest-challenge',
  input: mutated(challengeSeeds, SIP_TOKENS),
  parse: (text) => parseAuthChallenges(text).length,
  isTypedError: isSipError,
};

const credentialSeeds = [
  'Digest username="alice", realm="simplekit.test", nonce="5f0b2a", uri="sip:simplekit.test", response="6629fae49393a05397450978507c4ef1", algorithm=MD5, cnonce="0a4f113b", qop=auth, nc=00000001',
  'Digest username="bob", realm="r", nonce="n", uri="sip:r", response="aa", opaque="o", qop=auth-int, nc=0000000a, cnonce="c", userhash=true',
  'Basic YWxpY2U6c2VjcmV0',
];

const credentials: Campaign<string, string> = {
  name: 'sip-core/digest-credentials',
  input: mutated(credentialSeeds, SIP_TOKENS),
  parse: (text) => parseAuthorization(text).scheme,
  isTypedError: isSipError,
};

export const sipCoreCampaigns: readonly FuzzCampaign[] = [
  defineCampaign(message),
  defineCampaign(framer),
  defineCampaign(uri),
  defineCampaign(challenge),
  defineCampaign(credentials),
];

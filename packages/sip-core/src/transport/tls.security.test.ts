import { createServer, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KeyPair, makeTestCertificates, type TestCertificates } from '../../../../proof/tls/certificates.js';
import { createSystemClock } from '../clock/clock.js';
import { createStaticResolver } from '../resolver/resolver.js';
import { createMemoryTraceSink } from '../trace/file-sink.js';
import { createUserAgent } from '../ua/user-agent.js';
import { connectSip } from './connection.js';
import { TransportError } from './errors.js';

// RFC 5922 §7: a SIP client over TLS accepts only a certificate that chains to a trusted CA, is valid now and
// names the SIP domain. Each case runs a loopback TLS server presenting one bad certificate.
const DOMAIN = 'proof.simplekit.test';
let certs: TestCertificates;
const servers: Server[] = [];

beforeAll(async () => {
  certs = await makeTestCertificates(DOMAIN);
}, 60_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await certs.dispose();
});

/** A TLS server on 127.0.0.1 that completes handshakes and then says nothing. */
async function tlsServer(pair: KeyPair): Promise<number> {
  const server = createServer({ key: pair.key, cert: pair.cert }, (socket) => socket.on('error', () => undefined));
  server.on('tlsClientError', () => undefined);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no server address');
  return address.port;
}

async function connectTo(pair: KeyPair): Promise<unknown> {
  const port = await tlsServer(pair);
  const trace = createMemoryTraceSink();
  return connectSip(
    { transport: 'tls', address: '127.0.0.1', port, host: DOMAIN },
    { clock: createSystemClock(), tls: { ca: certs.caPem }, trace, connectTimeoutMs: 5_000 },
  ).then(
    (connection) => {
      connection.close();
      return connection;
    },
    (error: unknown) => error,
  );
}

describe('TLS: sip-core refuses servers with a wrong certificate', () => {
  it('accepts the good certificate (the control case: the rig itself works)', async () => {
    const outcome = await connectTo(certs.good);
    expect(outcome).not.toBeInstanceOf(Error);
  });

  for (const [what, pick, reason] of [
    ['a certificate for another hostname', (c: TestCertificates) => c.wrongName, /altnames/],
    ['a self-signed certificate not in the CA list', (c: TestCertificates) => c.selfSigned, /self.signed/],
    ['an expired certificate', (c: TestCertificates) => c.expired, /expired/],
  ] as const) {
    it(`refuses ${what} with TLS_VERIFY_FAILED`, async () => {
      const outcome = await connectTo(pick(certs));
      expect(outcome).toBeInstanceOf(TransportError);
      expect((outcome as TransportError).code).toBe('TLS_VERIFY_FAILED');
      // Refused for the right reason, not for some other handshake problem.
      expect((outcome as TransportError).message).toMatch(reason);
    });
  }

  it('names the SIP domain in SNI, or the configured servername, and sends none for a bare address (RFC 5922 §7.1)', async () => {
    const seen: (string | false | null | undefined)[] = [];
    const server = createServer({ key: certs.good.key, cert: certs.good.cert }, (socket) => {
      seen.push(socket.servername);
      socket.on('error', () => undefined);
    });
    server.on('tlsClientError', () => undefined);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (typeof address !== 'object' || address === null) throw new Error('no server address');
    const open = async (host: string | undefined, tls: { servername?: string; expectedHostname?: string }) => {
      const connection = await connectSip(
        { transport: 'tls', address: '127.0.0.1', port: address.port, ...(host === undefined ? {} : { host }) },
        { clock: createSystemClock(), tls: { ca: certs.caPem, ...tls }, trace: createMemoryTraceSink() },
      );
      connection.close();
    };
    await open(DOMAIN, {});
    await open(DOMAIN, { servername: `sip.${DOMAIN}` });
    // No domain to name: no SNI, and the certificate is checked against the expected hostname given instead.
    await open(undefined, { expectedHostname: DOMAIN });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual([DOMAIN, `sip.${DOMAIN}`, false]);
  });

  it('logs a connection without verification as a process warning too, once per destination', async () => {
    const port = await tlsServer(certs.selfSigned);
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => {
      if ((warning as Error & { code?: string }).code === 'SIMPLEKIT_TLS_UNVERIFIED') warnings.push(warning);
    };
    process.on('warning', onWarning);
    try {
      for (let i = 0; i < 2; i++) {
        const connection = await connectSip(
          { transport: 'tls', address: '127.0.0.1', port, host: DOMAIN },
          { clock: createSystemClock(), tls: { verify: false } },
        );
        connection.close();
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.map((w) => w.message)).toEqual([
      `TLS certificate verification is DISABLED for tls:127.0.0.1:${port} (tls.verify = false)`,
    ]);
  });

  it('a user agent facing an expired certificate fails register() and sends no credentials', async () => {
    const port = await tlsServer(certs.expired);
    const trace = createMemoryTraceSink();
    const ua = createUserAgent({
      aor: `sip:alice@${DOMAIN}`,
      credentials: { password: 'proof-password-never-sent' },
      transport: 'tls',
      resolver: createStaticResolver([{ transport: 'tls', address: '127.0.0.1', port, host: DOMAIN }]),
      tls: { ca: certs.caPem },
      trace,
      reconnect: { baseMs: 60_000, maxMs: 60_000 },
    });
    try {
      const error = await ua.register({ expires: 60 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransportError);
      expect((error as TransportError).code).toBe('TLS_VERIFY_FAILED');
      const sent = trace.records.filter((r) => r.kind === 'message' && r.direction === 'sent');
      expect(sent).toEqual([]);
    } finally {
      await ua.close();
    }
  });
});

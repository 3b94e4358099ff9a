import { describe, expect, inject, it } from 'vitest';
import { createSystemClock } from '../clock/clock.js';
import { connectSip } from './connection.js';
import { superviseKeepAlive } from './keepalive.js';

const tb = inject('testbed');

describe('CRLF keep-alive against the testbed (RFC 5626 §4.4.1)', () => {
  it('Kamailio answers our CRLFCRLF pings with pongs over TCP and TLS, so supervision keeps the flow', async () => {
    const clock = createSystemClock();
    for (const [transport, port] of [
      ['tcp', tb.sip.tcpPort],
      ['tls', tb.sip.tlsPort],
    ] as const) {
      const connection = await connectSip(
        { transport, address: tb.host, port, host: tb.domain },
        { clock, tls: { ca: tb.caPem } },
      );
      let pongs = 0;
      connection.on('pong', () => pongs++);
      const stop = superviseKeepAlive(connection, { clock, intervalMs: 50, pongTimeoutMs: 1000 });
      await new Promise((resolve) => setTimeout(resolve, 400));
      stop();
      expect(pongs).toBeGreaterThanOrEqual(3);
      expect(connection.closed).toBe(false);
      connection.close();
    }
  });
});

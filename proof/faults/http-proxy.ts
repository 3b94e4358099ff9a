// A loopback HTTP proxy that tests own, placed between an XCAP client and the testbed's XCAP listener to make the
// server fail on demand: while failing, every request is answered with the chosen status (and Retry-After, when
// given) without reaching the server; while stalled, requests are taken and never answered (a hung server); otherwise
// requests and answers are passed through unchanged. Every request is
// logged with its arrival time and the status it got, so a test can check when a client came back.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  /** `Date.now()` when the request arrived. */
  readonly at: number;
  /** The status answered; 0 for a request held by a stall. */
  readonly status: number;
  /** True when the proxy answered it itself or held it (a fault), false when the server did. */
  readonly faulted: boolean;
  /** The Retry-After the proxy sent, in seconds. */
  readonly retryAfterSeconds?: number;
}

export interface HttpFaultProxy {
  readonly port: number;
  /** `http://127.0.0.1:<port>`: replace the origin of the server's XCAP root with this. */
  readonly origin: string;
  readonly log: readonly ProxiedRequest[];
  /** From now on answers every request with `status` itself, with `Retry-After: <seconds>` when given. */
  fail(status: number, options?: { readonly retryAfterSeconds?: number }): void;
  /** While stalled, requests are accepted and never answered; ending the stall drops the ones held. */
  stall(on: boolean): void;
  /** Passes requests to the server again (ends a failure and a stall). */
  heal(): void;
  close(): Promise<void>;
}

function forwardable(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  // The proxy opens a fresh connection per request; hop-by-hop headers (RFC 9110 §7.6.1) stay behind.
  const { connection: _c, 'keep-alive': _k, 'proxy-connection': _p, ...rest } = headers;
  return rest;
}

export async function startHttpFaultProxy(target: { host: string; port: number }): Promise<HttpFaultProxy> {
  const log: ProxiedRequest[] = [];
  let fault: { status: number; retryAfterSeconds?: number } | undefined;
  let stalled = false;
  const held = new Set<ServerResponse>();
  const release = (): void => {
    // Their clients have given up by now; closing the sockets is what a hung server's eventual death looks like.
    for (const res of held) res.socket?.destroy();
    held.clear();
  };

  const answerFault = (res: ServerResponse, f: { status: number; retryAfterSeconds?: number }): void => {
    res.statusCode = f.status;
    if (f.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(f.retryAfterSeconds));
    res.setHeader('Content-Type', 'text/plain');
    res.end(`injected fault ${f.status}\n`);
  };

  const server = createServer((req, res) => {
    const at = Date.now();
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    if (stalled) {
      log.push({ method, path, at, status: 0, faulted: true });
      req.resume();
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    const f = fault;
    if (f) {
      // Drain the request body before answering so the client sees a clean response, not a reset.
      req.resume();
      req.on('end', () => {
        log.push({
          method,
          path,
          at,
          status: f.status,
          faulted: true,
          ...(f.retryAfterSeconds !== undefined ? { retryAfterSeconds: f.retryAfterSeconds } : {}),
        });
        answerFault(res, f);
      });
      return;
    }
    const upstream = httpRequest(
      { host: target.host, port: target.port, method, path, headers: forwardable(req.headers), agent: false },
      (answer) => {
        log.push({ method, path, at, status: answer.statusCode ?? 0, faulted: false });
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      log.push({ method, path, at, status: 502, faulted: false });
      if (!res.headersSent) res.statusCode = 502;
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    log,
    fail(status, options) {
      fault = {
        status,
        ...(options?.retryAfterSeconds !== undefined ? { retryAfterSeconds: options.retryAfterSeconds } : {}),
      };
    },
    stall(on) {
      stalled = on;
      if (!on) release();
    },
    heal() {
      fault = undefined;
      stalled = false;
      release();
    },
    close: () =>
      new Promise<void>((resolve) => {
        release();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

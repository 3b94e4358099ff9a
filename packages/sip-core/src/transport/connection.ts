import { type Socket, connect as tcpConnect } from 'node:net';
import { type ConnectionOptions, checkServerIdentity, type PeerCertificate, connect as tlsConnect } from 'node:tls';
import type { Clock } from '../clock/clock.js';
import { type SipFrame, SipStreamFramer } from '../framing/framer.js';
import { parseMessage } from '../message/parse.js';
import { serializeMessage } from '../message/serialize.js';
import type { SipMessage } from '../message/types.js';
import { nullTraceSink, redactSipMessage, type TraceSink } from '../trace/trace.js';
import { TypedEmitter } from './emitter.js';
import { TransportError } from './errors.js';

export type TransportKind = 'tcp' | 'tls';

/** Where to connect: an address (already resolved) and, for TLS, the name the certificate must carry. */
export interface ConnectTarget {
  readonly transport: TransportKind;
  readonly address: string;
  readonly port: number;
  /** The SIP domain or host the target was found for (RFC 5922 §7.3: TLS verifies against it). */
  readonly host?: string;
}

export interface TlsClientOptions {
  /** Trusted CA certificates (PEM); the system store when omitted. */
  readonly ca?: string | readonly string[];
  /** SNI name; defaults to the target's host when that is a domain name. */
  readonly servername?: string;
  /** Name the server certificate must match; defaults to the target's host, then its address. */
  readonly expectedHostname?: string;
  /**
   * `false` turns certificate verification off. Only for test rigs: it is recorded as a warning in the trace on
   * every connection.
   */
  readonly verify?: boolean;
}

export interface ConnectOptions {
  readonly clock: Clock;
  readonly tls?: TlsClientOptions;
  readonly connectTimeoutMs?: number;
  readonly trace?: TraceSink;
}

export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

export type ConnectionEvents = {
  message: [message: SipMessage];
  pong: [];
  close: [error: TransportError | undefined];
};

let nextConnectionId = 1;

function endpointText(e: Endpoint): string {
  return e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}

/** One TCP or TLS connection carrying SIP, framed into messages. */
export class SipConnection extends TypedEmitter<ConnectionEvents> {
  readonly id = nextConnectionId++;
  readonly transport: TransportKind;
  readonly local: Endpoint;
  readonly remote: Endpoint;
  readonly target: ConnectTarget;
  #socket: Socket;
  #framer = new SipStreamFramer({ role: 'client' });
  #closed = false;
  #trace: TraceSink;
  #clock: Clock;

  constructor(socket: Socket, target: ConnectTarget, clock: Clock, trace: TraceSink) {
    super();
    this.#socket = socket;
    this.#trace = trace;
    this.#clock = clock;
    this.target = target;
    this.transport = target.transport;
    this.local = { address: socket.localAddress ?? '0.0.0.0', port: socket.localPort ?? 0 };
    this.remote = { address: socket.remoteAddress ?? target.address, port: socket.remotePort ?? target.port };
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (error) =>
      this.#finish(new TransportError('CONNECTION_RESET', `connection ${this.describe()} failed`, { cause: error })),
    );
    socket.on('close', () => this.#finish(new TransportError('CONNECTION_CLOSED', `${this.describe()} closed`)));
  }

  get closed(): boolean {
    return this.#closed;
  }

  describe(): string {
    return `${this.transport}:${endpointText(this.local)}->${endpointText(this.remote)}`;
  }

  /** Serialises and writes one message. Throws {@link TransportError} when the connection is gone. */
  send(message: SipMessage): void {
    if (this.#closed) throw new TransportError('CONNECTION_CLOSED', `${this.describe()} is closed`);
    const bytes = serializeMessage(message);
    this.#record('sent', bytes);
    this.#socket.write(bytes);
  }

  /** RFC 5626 §3.5.1: a double CRLF asks the server for a single-CRLF pong. */
  sendPing(): void {
    if (!this.#closed) this.#socket.write('\r\n\r\n');
  }

  /** Ends the connection cleanly (FIN after pending writes). The `close` event carries no error. */
  close(): void {
    if (this.#closed) return;
    this.#finish(undefined);
    this.#socket.end();
    // A peer that never answers the FIN must not keep the socket alive forever.
    this.#clock.setTimeout(() => this.#socket.destroy(), 2000);
  }

  /** Drops the connection at once (no FIN handshake) and reports `error` in the `close` event. */
  abort(error: TransportError): void {
    if (this.#closed) return;
    this.#note('warning', error.message);
    this.#finish(error);
    this.#socket.destroy();
  }

  #onData(chunk: Buffer): void {
    let frames: SipFrame[];
    try {
      frames = this.#framer.push(chunk);
    } catch (cause) {
      const error = new TransportError('STREAM_CORRUPT', `unframeable bytes on ${this.describe()}`, { cause });
      this.#note('error', error.message);
      this.#socket.destroy();
      this.#finish(error);
      return;
    }
    for (const frame of frames) {
      // As a client (RFC 5626 §4.4.1) every CRLF between messages is a pong to our ping; we never answer them.
      if (frame.type === 'ping' || frame.type === 'pong') this.emit('pong');
      else {
        this.#record('received', frame.bytes);
        let message: SipMessage;
        try {
          message = parseMessage(frame.bytes);
        } catch (cause) {
          // RFC 3261 §18.3: a framed but malformed message is dropped; the stream itself is still in sync.
          this.#note('warning', `dropped a malformed message on ${this.describe()}: ${String(cause)}`);
          continue;
        }
        this.emit('message', message);
      }
    }
  }

  #finish(error: TransportError | undefined): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#note('info', `connection ${this.describe()} closed${error ? `: ${error.message}` : ''}`);
    this.emit('close', error);
  }

  #record(direction: 'sent' | 'received', bytes: Uint8Array): void {
    this.#trace.write({
      kind: 'message',
      timestamp: Date.now(),
      direction,
      transport: this.transport,
      local: endpointText(this.local),
      remote: endpointText(this.remote),
      text: redactSipMessage(Buffer.from(bytes).toString('utf8')),
    });
  }

  #note(level: 'info' | 'warning' | 'error', text: string): void {
    this.#trace.write({ kind: 'note', timestamp: Date.now(), level, text });
  }
}

function isIpAddress(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

/** Opens a TCP or TLS connection. TLS verifies the certificate chain and name unless `tls.verify` is `false`. */
export function connectSip(target: ConnectTarget, options: ConnectOptions): Promise<SipConnection> {
  const trace = options.trace ?? nullTraceSink;
  const timeoutMs = options.connectTimeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    let socket: Socket;
    let settled = false;
    const fail = (error: TransportError): void => {
      if (settled) return;
      settled = true;
      options.clock.clearTimeout(timer);
      socket.destroy();
      trace.write({ kind: 'note', timestamp: Date.now(), level: 'warning', text: error.message });
      reject(error);
    };
    const where = `${target.transport}:${target.address}:${target.port}`;
    if (target.transport === 'tls') {
      const tls = options.tls ?? {};
      const verify = tls.verify !== false;
      const name = tls.expectedHostname ?? target.host ?? target.address;
      const servername = tls.servername ?? (target.host && !isIpAddress(target.host) ? target.host : undefined);
      if (!verify) {
        const text = `TLS certificate verification is DISABLED for ${where} (tls.verify = false)`;
        trace.write({ kind: 'note', timestamp: Date.now(), level: 'warning', text });
        warnUnverifiedOnce(where, text);
      }
      const tlsOptions: ConnectionOptions = {
        host: target.address,
        port: target.port,
        rejectUnauthorized: verify,
        ...(tls.ca === undefined ? {} : { ca: typeof tls.ca === 'string' ? tls.ca : [...tls.ca] }),
        ...(servername === undefined ? {} : { servername }),
        // RFC 5922 §7.2: the certificate must name the SIP domain we meant to reach, not the address we dialled.
        checkServerIdentity: (_host: string, cert: PeerCertificate) => checkServerIdentity(name, cert),
      };
      socket = tlsConnect(tlsOptions);
      socket.once('secureConnect', () => done());
    } else {
      socket = tcpConnect({ host: target.address, port: target.port });
      socket.once('connect', () => done());
    }
    socket.setNoDelay(true);
    const timer = options.clock.setTimeout(
      () => fail(new TransportError('CONNECT_TIMEOUT', `connecting to ${where} timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.once('error', (cause: NodeJS.ErrnoException) => {
      const tlsFailure =
        target.transport === 'tls' &&
        /CERT|certificate|self.signed|altname|SSL/i.test(`${cause.code ?? ''} ${cause.message}`);
      fail(
        tlsFailure
          ? new TransportError('TLS_VERIFY_FAILED', `TLS verification of ${where} failed: ${cause.message}`, { cause })
          : new TransportError('CONNECT_FAILED', `cannot connect to ${where}: ${cause.message}`, { cause }),
      );
    });
    function done(): void {
      if (settled) return;
      settled = true;
      options.clock.clearTimeout(timer);
      socket.removeAllListeners('error');
      const connection = new SipConnection(socket, target, options.clock, trace);
      trace.write({ kind: 'note', timestamp: Date.now(), level: 'info', text: `connected ${connection.describe()}` });
      resolve(connection);
    }
  });
}

const warnedUnverified = new Set<string>();

/**
 * Turning verification off is logged even without a trace sink: a process warning (once per destination), which
 * Node prints to stderr unless the application handles `warning` events itself.
 */
function warnUnverifiedOnce(where: string, text: string): void {
  if (warnedUnverified.has(where)) return;
  warnedUnverified.add(where);
  process.emitWarning(text, { code: 'SIMPLEKIT_TLS_UNVERIFIED' });
}

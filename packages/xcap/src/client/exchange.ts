import { STATUS_CODES } from 'node:http';
import type { Dispatcher } from 'undici';
import { XcapNetworkError, XcapTimeout } from '../errors.js';
import { redactHttpMessage, type XcapTraceSink } from '../trace/trace.js';

/** One HTTP request as the XCAP client builds it. */
export interface HttpRequest {
  readonly method: 'GET' | 'PUT' | 'DELETE';
  readonly uri: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** One HTTP response, with header names lower-cased and repeated headers joined (RFC 9110 §5.3) except challenges. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Every `WWW-Authenticate` header value, one entry per header line. */
  readonly challenges: readonly string[];
  readonly body: string;
}

export interface ExchangeOptions {
  readonly dispatcher?: Dispatcher;
  readonly trace?: XcapTraceSink;
  readonly timeoutMs: number;
  readonly now: () => number;
}

function remoteOf(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`;
}

function requestText(req: HttpRequest, url: URL): string {
  const lines = [`${req.method} ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`];
  for (const [name, value] of Object.entries(req.headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n${req.body ?? ''}`;
}

function responseText(res: HttpResponse): string {
  const lines = [`HTTP/1.1 ${res.status} ${STATUS_CODES[res.status] ?? ''}`.trimEnd()];
  for (const [name, value] of Object.entries(res.headers)) {
    if (name === 'www-authenticate') continue;
    lines.push(`${name}: ${value}`);
  }
  for (const challenge of res.challenges) lines.push(`www-authenticate: ${challenge}`);
  return `${lines.join('\r\n')}\r\n\r\n${res.body}`;
}

// undici is loaded on the first request, not with the package: a program that imports `@simplekit/xcap` only for its
// codecs and URI helpers (an address book reading 10,000 contacts) would otherwise hold ~18 MB of it for nothing.
let undici: Promise<typeof import('undici')> | undefined;
function loadUndici(): Promise<typeof import('undici')> {
  undici ??= import('undici');
  return undici;
}

/** Sends one request through undici, traces both directions, and maps transport failures to typed errors. */
export async function exchange(req: HttpRequest, options: ExchangeOptions): Promise<HttpResponse> {
  const url = new URL(req.uri);
  const remote = remoteOf(url);
  const transport = url.protocol === 'https:' ? 'https' : 'http';
  const record = (direction: 'sent' | 'received', text: string) =>
    options.trace?.write({
      kind: 'message',
      protocol: 'xcap',
      timestamp: options.now(),
      direction,
      transport,
      local: '',
      remote,
      text: redactHttpMessage(text),
    });
  record('sent', requestText(req, url));
  const headers: Record<string, string> = { ...req.headers };
  if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body, 'utf8'));
  const { request } = await loadUndici();
  let res: HttpResponse;
  try {
    const answer = await request(url, {
      method: req.method,
      headers,
      ...(req.body !== undefined ? { body: req.body } : {}),
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const flat: Record<string, string> = {};
    const challenges: string[] = [];
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value === undefined) continue;
      const values = Array.isArray(value) ? value : [value];
      if (name === 'www-authenticate') challenges.push(...values);
      else flat[name] = values.join(', ');
    }
    res = { status: answer.statusCode, headers: flat, challenges, body: await answer.body.text() };
  } catch (cause) {
    if (isTimeout(cause)) throw new XcapTimeout(req.method, req.uri, options.timeoutMs, cause);
    throw new XcapNetworkError(req.method, req.uri, cause);
  }
  record('received', responseText(res));
  return res;
}

function isTimeout(cause: unknown): boolean {
  if (!(cause instanceof Error)) return false;
  const code = 'code' in cause ? cause.code : undefined;
  return (
    cause.name === 'TimeoutError' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  );
}

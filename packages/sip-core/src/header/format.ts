import { isToken } from '../chars.js';
import { formatUri } from '../uri/format.js';
import type { Uri } from '../uri/types.js';

/** Header parameters to write: a `null` value writes the bare name (`;lr`). */
export type ParamsInit = Readonly<Record<string, string | number | null | undefined>>;

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** `;name=value` pairs; values that are not tokens (or hosts) are quoted. `undefined` entries are skipped. */
export function formatParams(params: ParamsInit | undefined): string {
  if (params === undefined) return '';
  let out = '';
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (value === null) {
      out += `;${name}`;
      continue;
    }
    const text = String(value);
    out += `;${name}=${isToken(text) || /^\[?[0-9A-Fa-f:.]+\]?$/.test(text) ? text : quote(text)}`;
  }
  return out;
}

/** `"Display" <uri>;params` (RFC 3261 §20.10); the URI is always bracketed so its own params stay its own. */
export function formatNameAddr(addr: { uri: Uri | string; displayName?: string }, params?: ParamsInit): string {
  const uri = typeof addr.uri === 'string' ? addr.uri : formatUri(addr.uri);
  const name = addr.displayName === undefined || addr.displayName === '' ? '' : `${quote(addr.displayName)} `;
  return `${name}<${uri}>${formatParams(params)}`;
}

export interface ViaInit {
  /** e.g. `TCP`, `TLS`. */
  readonly transport: string;
  readonly host: string;
  readonly port?: number;
  readonly branch: string;
  /** RFC 3581: ask the server to report the source port. */
  readonly rport?: boolean;
  readonly params?: ParamsInit;
}

export function formatVia(via: ViaInit): string {
  const sentBy = via.port === undefined ? via.host : `${via.host}:${via.port}`;
  return `SIP/2.0/${via.transport.toUpperCase()} ${sentBy};branch=${via.branch}${via.rport ? ';rport' : ''}${formatParams(via.params)}`;
}

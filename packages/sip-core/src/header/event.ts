import { type HeaderParams, ValueCursor, valueParam } from './cursor.js';

/** Event (RFC 6665 §8.2.1): `presence`, `presence.winfo`, … with an optional `id`. */
export interface EventHeader {
  /** The full event type, e.g. `presence.winfo`. Compared case-sensitively (RFC 6665 §8.2.1). */
  readonly type: string;
  /** The event package, e.g. `presence`. */
  readonly package: string;
  /** Template packages after the first dot, e.g. `['winfo']`. */
  readonly templates: readonly string[];
  readonly id?: string;
  readonly params: HeaderParams;
}

// event-type = event-package *( "." event-template ); both are token-nodots.
function readEventType(c: ValueCursor): string {
  const type = c.token('event type');
  if (type.startsWith('.') || type.endsWith('.') || type.includes('..')) c.fail('bad event type');
  return type;
}

export function parseEvent(s: string, base: number): EventHeader {
  const c = new ValueCursor(s, base);
  c.ws();
  const type = readEventType(c);
  const params = c.params();
  const [pkg = type, ...templates] = type.split('.');
  const id = valueParam(params, 'id', base);
  return { type, package: pkg, templates, id, params };
}

/** One Allow-Events element. */
export function parseEventType(s: string, base: number): string {
  const c = new ValueCursor(s, base);
  const type = readEventType(c);
  if (!c.atEnd()) c.fail('unexpected characters after event type');
  return type;
}

/** Subscription-State (RFC 6665 §8.2.3). */
export interface SubscriptionState {
  /** Lower-cased: `active`, `pending`, `terminated`, or an extension value. */
  readonly state: string;
  readonly expires?: number;
  /** e.g. `deactivated`, `probation`, `rejected`, `timeout`, `giveup`, `noresource`, `invariant`. */
  readonly reason?: string;
  readonly retryAfter?: number;
  readonly params: HeaderParams;
}

export function parseSubscriptionState(s: string, base: number): SubscriptionState {
  const c = new ValueCursor(s, base);
  c.ws();
  const state = c.token('subscription state').toLowerCase();
  const params = c.params();
  const num = (name: string): number | undefined => {
    const v = valueParam(params, name, base);
    if (v === undefined) return undefined;
    const cur = new ValueCursor(v, base);
    const n = cur.integer(name);
    if (!cur.atEnd()) c.fail(`${name} must be a number`, 0);
    return n;
  };
  const expires = num('expires');
  const retryAfter = num('retry-after');
  const reason = valueParam(params, 'reason', base);
  return {
    state,
    params,
    expires: expires,
    reason: reason === undefined ? undefined : reason.toLowerCase(),
    retryAfter: retryAfter,
  };
}

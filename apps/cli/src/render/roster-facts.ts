import type { AccountSnapshot } from '@simplekit/account';
import type { Style } from '../frame/style.js';
import { contactLine, healthLines } from './roster.js';

/**
 * What a line-mode view prints when it changes, keyed so that only changes are printed: my own status, the
 * account's health, each request, contact, watcher and blocked address.
 */
export function rosterFacts(snapshot: AccountSnapshot, style: Style): Map<string, string> {
  const facts = new Map<string, string>();
  facts.set('own', `me: ${snapshot.own.status}${snapshot.own.note ? ` “${snapshot.own.note}”` : ''}`);
  const health = healthLines(snapshot, style);
  facts.set('health', health.length === 0 ? 'account: ok' : `account: ${health.join(', ')}`);
  for (const w of snapshot.newContactRequests)
    facts.set(`request ${w.uri}`, `new contact request: ${w.displayName ?? w.uri}`);
  for (const c of snapshot.contacts) facts.set(`contact ${c.id}`, contactLine(c, style));
  for (const w of snapshot.watching) facts.set(`watching ${w.uri}`, `watching my presence: ${w.displayName ?? w.uri}`);
  for (const b of snapshot.blocked) facts.set(`blocked ${b.uri}`, `blocked: ${b.name ?? b.uri}`);
  return facts;
}

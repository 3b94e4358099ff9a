import { createHash } from 'node:crypto';
import { hostname } from 'node:os';

// A fixed namespace for SimpleKit device identifiers (itself a random v4 UUID).
const NAMESPACE = Buffer.from('6f1d7e0c8b2a4c5e9a3b2d1c0e9f8a7b', 'hex');

/**
 * A `urn:uuid:` instance identifier that is the same every time for one account on one device (RFC 5626 §4.1:
 * `+sip.instance` must survive restarts). Name-based UUID version 5 (RFC 4122 §4.3) of the AoR and the host name,
 * so nothing has to be stored; pass your own `device` string to tie it to something else.
 */
export function deviceInstanceId(aor: string, device: string = hostname()): string {
  const hash = createHash('sha1').update(NAMESPACE).update(`${device}\n${aor}`, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

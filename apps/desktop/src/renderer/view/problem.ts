import type { AccountHealth } from '@simplekit/account';
import type { DesktopState } from '../../bridge/api.js';

/** What the banner above the contact list says. */
export interface Problem {
  readonly level: 'error' | 'warning' | 'info';
  readonly title: string;
  readonly detail?: string;
}

const AUTH = /\b(401|403|407)\b|unauthori[sz]ed|forbidden|authenticat|credential|password/i;
const UNREACHABLE = /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|ECONNRESET|unreachable|timed? ?out|connect/i;
const NO_XCAP = /\b(404|405|501)\b|xcap-caps|not supported|not found/i;

/**
 * The most important thing wrong with the account, in words a user can act on; `null` when all is well.
 *
 * SEAM: the engine gives `Health.reason` as text only; these patterns tell a wrong password, an unreachable server
 * and a server without XCAP apart. Replace them with the engine's reason codes once `@simplekit/account` has them.
 */
export function describeProblem(state: Pick<DesktopState, 'phase' | 'failure' | 'snapshot'>): Problem | null {
  if (state.phase === 'failed') {
    return { level: 'error', title: 'The account could not start', detail: state.failure ?? undefined };
  }
  const health: AccountHealth | undefined = state.snapshot?.health;
  if (health === undefined) return null;
  const registration = health.registration;
  if (registration.state === 'failed' && AUTH.test(registration.reason ?? '')) {
    return { level: 'error', title: 'Wrong password', detail: 'The server refused the credentials of this account.' };
  }
  if (
    health.connection.state === 'failed' ||
    (registration.state === 'failed' && UNREACHABLE.test(registration.reason ?? ''))
  ) {
    return {
      level: 'error',
      title: 'Server unreachable',
      detail: health.connection.reason ?? registration.reason ?? 'The SIP server does not answer.',
    };
  }
  if (registration.state === 'failed') {
    return { level: 'error', title: 'Not registered', detail: registration.reason };
  }
  const storage = health.storage;
  if (storage.state === 'failed') {
    if (AUTH.test(storage.reason ?? '')) {
      return { level: 'error', title: 'Wrong password', detail: 'The XCAP server refused the credentials.' };
    }
    if (NO_XCAP.test(storage.reason ?? '')) {
      return {
        level: 'error',
        title: 'XCAP not supported',
        detail: `The server does not offer the contact storage this app needs. ${storage.reason ?? ''}`.trim(),
      };
    }
    return {
      level: 'warning',
      title: 'Contact storage unreachable',
      detail: `${storage.reason ?? ''}${storage.pendingEdits > 0 ? ` — ${storage.pendingEdits} change(s) waiting` : ''}`,
    };
  }
  if (health.connection.state === 'idle' && health.connection.reason === 'no SIP user agent') {
    return {
      level: 'warning',
      title: 'Presence unavailable',
      detail: 'This build has no SIP user agent: contacts only.',
    };
  }
  if (storage.state === 'idle' && storage.reason !== undefined && /XCAP/.test(storage.reason)) {
    return { level: 'info', title: 'Contacts are kept on this device', detail: storage.reason };
  }
  return null;
}

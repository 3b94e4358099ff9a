import type { Health, HealthCode } from '@simplekit/account';
import type { DesktopState } from '../../bridge/api.js';

/** What the banner above the contact list says. */
export interface Problem {
  readonly level: 'error' | 'warning' | 'info';
  readonly title: string;
  readonly detail?: string;
}

const failedWith = (health: Health, ...codes: HealthCode[]) =>
  health.state === 'failed' && health.code !== undefined && codes.includes(health.code);

/**
 * The most important thing wrong with the account, in words a user can act on; `null` when all is well. Decided on
 * the engine's stable health codes; the engine's reason text is the detail.
 */
export function describeProblem(state: Pick<DesktopState, 'phase' | 'failure' | 'snapshot'>): Problem | null {
  if (state.phase === 'failed') {
    return {
      level: 'error',
      title: 'The account could not start',
      ...(state.failure ? { detail: state.failure } : {}),
    };
  }
  const health = state.snapshot?.health;
  if (health === undefined) return null;
  const { connection, registration, storage, presenceList } = health;
  const detail = (h: Health) => (h.reason === undefined ? {} : { detail: h.reason });

  if (failedWith(registration, 'auth-failed') || failedWith(storage, 'auth-failed')) {
    return { level: 'error', title: 'Wrong password', detail: 'The server refused the credentials of this account.' };
  }
  if (failedWith(connection, 'tls') || failedWith(registration, 'tls')) {
    return { level: 'error', title: 'Server certificate not trusted', ...detail(connection) };
  }
  if (connection.state === 'failed' || failedWith(registration, 'unreachable', 'timeout')) {
    return {
      level: 'error',
      title: 'Server unreachable',
      detail: connection.reason ?? registration.reason ?? 'The SIP server does not answer.',
    };
  }
  if (registration.state === 'failed') return { level: 'error', title: 'Not registered', ...detail(registration) };
  if (failedWith(storage, 'not-supported')) {
    return {
      level: 'error',
      title: 'XCAP not supported',
      detail: `The server does not offer the contact storage this app needs. ${storage.reason ?? ''}`.trim(),
    };
  }
  if (failedWith(storage, 'local-disk')) {
    return {
      level: 'error',
      title: 'Cannot save changes on this computer',
      detail: `The account's files cannot be written (read-only or full disk?). ${storage.reason ?? ''}`.trim(),
    };
  }
  if (storage.state === 'failed') {
    const waiting = storage.pendingEdits > 0 ? ` — ${storage.pendingEdits} change(s) waiting` : '';
    return { level: 'warning', title: 'Contact storage unreachable', detail: `${storage.reason ?? ''}${waiting}` };
  }
  if (failedWith(presenceList, 'not-supported', 'rejected')) {
    return { level: 'warning', title: "Contacts' presence unavailable", ...detail(presenceList) };
  }
  if (connection.code === 'no-sip') {
    return {
      level: 'warning',
      title: 'Presence unavailable',
      detail: 'This build has no SIP user agent: contacts only.',
    };
  }
  if (storage.code === 'no-xcap') {
    return { level: 'info', title: 'Contacts are kept on this device', ...detail(storage) };
  }
  return null;
}

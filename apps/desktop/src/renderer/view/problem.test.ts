import type { Health, HealthCode } from '@simplekit/account';
import { describe, expect, it } from 'vitest';
import { health, snapshot } from '../../test-support/snapshot.js';
import { describeProblem } from './problem.js';

const failed = (code: HealthCode, reason: string): Health => ({ state: 'failed', code, reason, since: 0 });
const ofHealth = (h: Parameters<typeof health>[0]) =>
  describeProblem({ phase: 'ready', failure: null, snapshot: snapshot({ health: health(h) }) });

describe('describeProblem', () => {
  it('says nothing when all is well or nothing is known yet', () => {
    expect(ofHealth({})).toBeNull();
    expect(describeProblem({ phase: 'starting', failure: null, snapshot: null })).toBeNull();
  });

  it('tells a wrong password from SIP or XCAP refusing the credentials', () => {
    expect(ofHealth({ registration: failed('auth-failed', 'REGISTER: 403 Forbidden') })).toMatchObject({
      level: 'error',
      title: 'Wrong password',
    });
    expect(ofHealth({ storage: { ...failed('auth-failed', 'GET: 401'), pendingEdits: 0 } })?.title).toBe(
      'Wrong password',
    );
  });

  it('tells an unreachable server, and an untrusted certificate', () => {
    expect(ofHealth({ connection: failed('unreachable', 'connect ECONNREFUSED 127.0.0.1:5060') })).toEqual({
      level: 'error',
      title: 'Server unreachable',
      detail: 'connect ECONNREFUSED 127.0.0.1:5060',
    });
    expect(ofHealth({ registration: failed('timeout', 'no answer') })?.title).toBe('Server unreachable');
    expect(ofHealth({ connection: failed('tls', 'self-signed certificate') })).toEqual({
      level: 'error',
      title: 'Server certificate not trusted',
      detail: 'self-signed certificate',
    });
  });

  it('tells a server without XCAP', () => {
    const problem = ofHealth({ storage: { ...failed('not-supported', 'xcap-caps: 404 Not Found'), pendingEdits: 0 } });
    expect(problem).toMatchObject({ level: 'error', title: 'XCAP not supported' });
    expect(problem?.detail).toContain('404 Not Found');
  });

  it('counts the changes waiting while storage is unreachable', () => {
    expect(ofHealth({ storage: { ...failed('unreachable', 'socket hang up'), pendingEdits: 2 } })).toEqual({
      level: 'warning',
      title: 'Contact storage unreachable',
      detail: 'socket hang up — 2 change(s) waiting',
    });
  });

  it("tells a disk that refuses the account's files apart from an unreachable server", () => {
    const problem = ofHealth({ storage: { ...failed('local-disk', 'EROFS: read-only file system'), pendingEdits: 1 } });
    expect(problem).toMatchObject({ level: 'error', title: 'Cannot save changes on this computer' });
    expect(problem?.detail).toContain('EROFS');
  });

  it('says when contacts are kept locally or there is no SIP', () => {
    expect(ofHealth({ connection: { state: 'idle', code: 'no-sip', since: 0 } })?.title).toBe('Presence unavailable');
    expect(
      ofHealth({
        storage: { state: 'idle', code: 'no-xcap', reason: 'no XCAP root configured', since: 0, pendingEdits: 0 },
      }),
    ).toEqual({ level: 'info', title: 'Contacts are kept on this device', detail: 'no XCAP root configured' });
  });

  it('explains an account that could not start', () => {
    expect(describeProblem({ phase: 'failed', failure: 'journal is corrupt', snapshot: null })).toEqual({
      level: 'error',
      title: 'The account could not start',
      detail: 'journal is corrupt',
    });
  });
});

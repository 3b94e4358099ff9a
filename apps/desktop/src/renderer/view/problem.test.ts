import type { Health } from '@simplekit/account';
import { describe, expect, it } from 'vitest';
import { health, snapshot } from '../../test-support/snapshot.js';
import { describeProblem } from './problem.js';

const failed = (reason: string): Health => ({ state: 'failed', reason, since: 0 });
const ofHealth = (h: Parameters<typeof health>[0]) =>
  describeProblem({ phase: 'ready', failure: null, snapshot: snapshot({ health: health(h) }) });

describe('describeProblem', () => {
  it('says nothing when all is well or nothing is known yet', () => {
    expect(ofHealth({})).toBeNull();
    expect(describeProblem({ phase: 'starting', failure: null, snapshot: null })).toBeNull();
  });

  it('tells a wrong password from a REGISTER refused with 401 or 403', () => {
    expect(ofHealth({ registration: failed('REGISTER failed: 403 Forbidden') })).toMatchObject({
      level: 'error',
      title: 'Wrong password',
    });
    expect(ofHealth({ storage: { ...failed('GET xcap-caps: 401 Unauthorized'), pendingEdits: 0 } })?.title).toBe(
      'Wrong password',
    );
  });

  it('tells an unreachable server', () => {
    expect(ofHealth({ connection: failed('connect ECONNREFUSED 127.0.0.1:5060; reconnecting in 1000 ms') })).toEqual({
      level: 'error',
      title: 'Server unreachable',
      detail: 'connect ECONNREFUSED 127.0.0.1:5060; reconnecting in 1000 ms',
    });
  });

  it('tells a server without XCAP', () => {
    const problem = ofHealth({ storage: { ...failed('GET xcap-caps: 404 Not Found'), pendingEdits: 0 } });
    expect(problem).toMatchObject({ level: 'error', title: 'XCAP not supported' });
    expect(problem?.detail).toContain('404 Not Found');
  });

  it('counts the changes waiting while storage is unreachable', () => {
    expect(ofHealth({ storage: { ...failed('socket hang up'), pendingEdits: 2 } })).toEqual({
      level: 'warning',
      title: 'Contact storage unreachable',
      detail: 'socket hang up — 2 change(s) waiting',
    });
  });

  it('explains an account that could not start', () => {
    expect(describeProblem({ phase: 'failed', failure: 'journal is corrupt', snapshot: null })).toEqual({
      level: 'error',
      title: 'The account could not start',
      detail: 'journal is corrupt',
    });
  });
});

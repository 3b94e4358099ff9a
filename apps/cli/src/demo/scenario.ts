import type { AccountSnapshot, Contact } from '@simplekit/account';
import type { Narrator } from './narrator.js';
import type { DemoSide } from './side.js';

/** A 1×1 PNG: the icon alice uploads (OMA pres-content) and bob then sees advertised in her PIDF (CIPID icon). */
const ICON_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

function contactOf(snapshot: AccountSnapshot, aor: string): Contact | undefined {
  return snapshot.contacts.find((c) => c.uris.some((u) => u.uri === aor));
}

async function stored(side: DemoSide): Promise<void> {
  await side.account.settled();
  await side.until(
    'its edits stored on the XCAP server',
    (s) => s.health.storage.pendingEdits === 0 || s.health.storage.state === 'failed',
  );
}

/** Lets asynchronous NOTIFYs that follow an awaited step show up before the next headline. */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The scripted story: alice adds bob (a request for bob), bob allows her and adds her back, both change status and
 * note, alice sets an icon, bob blocks alice. Each step waits until the other side has seen its effect.
 */
export async function playScenario(alice: DemoSide, bob: DemoSide, narrator: Narrator): Promise<void> {
  narrator.step(`alice adds bob (${bob.aor}) to her contacts: subscribe to him, allow him to see her`);
  await alice.account.addContact({ name: 'Bob', uris: [{ uri: bob.aor, type: 'SIP' }], subscribe: true, allow: true });
  await stored(alice);
  await bob.until('a contact request from alice', (s) => s.newContactRequests.some((w) => w.uri === alice.aor));

  narrator.step('bob allows alice and adds her to his contacts');
  await bob.account.allowWatcher(alice.aor, 'Alice');
  await bob.account.addContact({
    name: 'Alice',
    uris: [{ uri: alice.aor, type: 'SIP' }],
    subscribe: true,
    allow: true,
  });
  await stored(bob);
  await alice.until("bob's presence", (s) => {
    const c = contactOf(s, bob.aor);
    return c !== undefined && !c.live.pending && c.live.availability === 'available';
  });
  await bob.until("alice's presence", (s) => contactOf(s, alice.aor)?.live.availability === 'available');

  narrator.step('bob is busy: “In a meeting until 3”');
  await bob.account.setStatus('busy', 'In a meeting until 3');
  await alice.until('bob busy', (s) => {
    const c = contactOf(s, bob.aor);
    return c?.live.availability === 'busy' && c.live.notes.includes('In a meeting until 3');
  });

  narrator.step('alice goes away for lunch and publishes her location');
  await alice.account.setStatus('away', 'Lunch');
  await alice.account.setLocation('Amsterdam');
  await bob.until('alice away', (s) => {
    const c = contactOf(s, alice.aor);
    return c?.live.availability === 'away' && c.live.notes.includes('Lunch');
  });

  narrator.step('alice sets an icon (uploaded to OMA pres-content, its URL published in her PIDF)');
  await alice.account.setIcon({ data: ICON_PNG, mimeType: 'image/png' });
  await stored(alice);
  await bob.until("alice's icon", (s) => contactOf(s, alice.aor)?.live.icon !== undefined);

  narrator.step('alice is back: available, note cleared');
  await alice.account.setStatus('available', '');
  await bob.until('alice available', (s) => contactOf(s, alice.aor)?.live.availability === 'available');

  narrator.step('bob blocks alice: she may no longer see his presence');
  await bob.account.blockWatcher(alice.aor, 'Alice');
  await stored(bob);
  await bob.until('alice under Blocked', (s) => s.blocked.some((b) => b.uri === alice.aor));
  // A polite block (RFC 5025 §3.2.1) keeps alice's subscription active; the server (its RLS too) then tells her
  // only a neutral closed document, so bob shows as offline with nothing of his.
  await alice.until(
    "bob's presence withdrawn",
    (s) => {
      const c = contactOf(s, bob.aor);
      return c !== undefined && c.live.availability === 'offline' && c.live.notes.length === 0;
    },
    10_000,
  );
  await pause(300);
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestbedInfo } from '@simplekit/testbed';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildCli, type RunOptions, runCli, startCli } from './test-support/run-cli.js';

// grace and heidi: testbed users other packages' integration tests leave alone.
const tb: TestbedInfo = inject('testbed');
let root: string;

function userOf(name: string) {
  const user = tb.users.find((u) => u.username === name);
  if (user === undefined) throw new Error(`no testbed user ${name}`);
  return user;
}

/** Each person (and each of their devices) has its own XDG folders, like separate machines. */
function envOf(device: string): Record<string, string> {
  return {
    HOME: join(root, device),
    XDG_CONFIG_HOME: join(root, device, 'config'),
    XDG_STATE_HOME: join(root, device, 'state'),
  };
}

/** Asserts success, showing the CLI's error line when there is one. */
function expectOk(r: { status: number; stderr: string }) {
  expect({ status: r.status, error: /simplekit: .*/.exec(r.stderr)?.[0] }).toEqual({ status: 0, error: undefined });
}

function cli(device: string, args: string[], options: RunOptions = {}) {
  return runCli(args, { ...options, env: { ...envOf(device), ...options.env } });
}

async function addAccount(device: string, name: string) {
  const user = userOf(name);
  return cli(
    device,
    [
      'account',
      'add',
      user.aor,
      '--transport',
      'tcp',
      '--proxy',
      `127.0.0.1:${tb.sip.tcpPort}`,
      '--xcap-root',
      tb.xcap.root,
    ],
    { env: { SIMPLEKIT_PASSWORD: user.password } },
  );
}

type TraceHeader = { name: string; value: string };
type TraceRecord = { direction: string; message?: { method?: string; headers: TraceHeader[] } };

/** The SIP requests a device sent, from its trace: method, Call-ID, and whether it ends what it refreshes. */
async function sentRequests(device: string) {
  const records = (await cli(device, ['trace', '--json'])).stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as TraceRecord);
  const header = (headers: TraceHeader[], ...names: string[]) =>
    headers.find((h) => names.includes(h.name.toLowerCase()))?.value;
  return records.flatMap((r) => {
    const message = r.message;
    if (r.direction !== 'sent' || message?.method === undefined) return [];
    const expires = header(message.headers, 'expires');
    const contact = header(message.headers, 'contact', 'm') ?? '';
    const removes = expires === '0' || /expires=0\b/.test(contact);
    return [{ method: message.method, callId: header(message.headers, 'call-id', 'i') ?? '', removes }];
  });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'simplekit-cli-it-'));
  await buildCli();
}, 180_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the simplekit binary against the testbed', () => {
  it('adds accounts and lists them as JSON', async () => {
    expect((await addAccount('grace', 'grace')).status).toBe(0);
    expect((await addAccount('heidi', 'heidi')).status).toBe(0);
    const list = await cli('grace', ['account', 'list', '--json']);
    expect(list.status).toBe(0);
    const accounts = JSON.parse(list.stdout) as { id: string; password: string; xcapRoot: string }[];
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ id: `grace@${tb.domain}`, password: 'stored', xcapRoot: tb.xcap.root });
  });

  it('adds a contact, stores it on the XCAP server, and a second device of the same user sees it', async () => {
    const heidi = userOf('heidi');
    const add = await cli('grace', ['contacts', 'add', heidi.aor, '--name', 'Heidi', '--group', 'Friends', '--json']);
    expect(add.stderr).not.toMatch(/simplekit: /);
    expect(add.status).toBe(0);
    const { id } = JSON.parse(add.stdout) as { id: string };
    const list = await cli('grace', ['contacts', 'list', '--json']);
    const book = JSON.parse(list.stdout) as {
      contacts: { id: string; name: string; subscribe: boolean; policy: string; groups: string[] }[];
    };
    expect(book.contacts).toContainEqual(
      expect.objectContaining({ id, name: 'Heidi', subscribe: true, policy: 'allow', groups: ['Friends'] }),
    );

    expect((await addAccount('grace-phone', 'grace')).status).toBe(0);
    const second = await cli('grace-phone', ['contacts', 'list', '--json']);
    expect(second.status).toBe(0);
    const copy = JSON.parse(second.stdout) as { contacts: { name: string; uris: { uri: string; type: string }[] }[] };
    expect(copy.contacts.map((c) => c.name)).toContain('Heidi');
    expect(copy.contacts.find((c) => c.name === 'Heidi')?.uris[0]).toMatchObject({ uri: heidi.aor, type: 'SIP' });
  });

  it('edits and removes a contact through the server', async () => {
    const add = await cli('grace', [
      'contacts',
      'add',
      'xmpp:ivan@jabber.example',
      'tel:+31201234567',
      '-n',
      'Ivan',
      '--no-allow',
      '--json',
    ]);
    expect(add.status).toBe(0);
    expect((await cli('grace', ['contacts', 'edit', 'Ivan', '--no-subscribe', '--name', 'Ivan X'])).status).toBe(0);
    const after = JSON.parse((await cli('grace-phone', ['contacts', 'list', '--json'])).stdout) as {
      contacts: { name: string; subscribe: boolean; policy: string; uris: { type: string }[] }[];
    };
    expect(after.contacts.find((c) => c.name === 'Ivan X')).toMatchObject({
      subscribe: false,
      policy: 'default',
      uris: [{ type: 'XMPP' }, { type: 'Tel' }],
    });
    expect((await cli('grace-phone', ['contacts', 'remove', 'Ivan X'])).status).toBe(0);
    const gone = JSON.parse((await cli('grace', ['contacts', 'list', '--json'])).stdout) as {
      contacts: { name: string }[];
    };
    expect(gone.contacts.map((c) => c.name)).not.toContain('Ivan X');
  });

  it('allows and blocks watchers, stored in the address book as policies', async () => {
    const grace = userOf('grace');
    const allow = await cli('heidi', ['watchers', 'allow', grace.aor, '--name', 'Grace']);
    expect(allow.stderr).not.toMatch(/simplekit: /);
    expect(allow.status).toBe(0);
    expect(allow.stdout).toBe(`allowed ${grace.aor}\n`);
    const block = await cli('heidi', ['watchers', 'block', 'sip:mallory@example.com']);
    expect(block.status).toBe(0);
    const list = await cli('heidi', ['watchers', 'list', '--json', '--timeout', '10']);
    expect(list.status).toBe(0);
    const watchers = JSON.parse(list.stdout) as { blocked: { uri: string }[]; pending: unknown[]; active: unknown[] };
    expect(watchers.blocked.map((b) => b.uri)).toContain('sip:mallory@example.com');
    expect(Array.isArray(watchers.pending)).toBe(true);
  });

  it('keeps own status, note and history across runs and prints them as JSON', async () => {
    expectOk(await cli('heidi', ['status', 'busy', '--note', 'In a meeting']));
    expectOk(await cli('heidi', ['note', 'Call me later']));
    const status = JSON.parse((await cli('heidi', ['status', '--json'])).stdout) as { status: string; note: string };
    expect(status).toMatchObject({ status: 'busy', note: 'Call me later' });
    const history = JSON.parse((await cli('heidi', ['status', 'history', '--json'])).stdout) as {
      status: string;
      note: string;
    }[];
    expect(history.slice(0, 2)).toEqual([
      expect.objectContaining({ status: 'busy', note: 'Call me later' }),
      expect.objectContaining({ status: 'busy', note: 'In a meeting' }),
    ]);
  });

  it('uploads an icon and sets the offline status on the server', async () => {
    const png = join(root, 'icon.png');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      png,
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      ),
    );
    const icon = await cli('heidi', ['icon', 'set', png, '--json']);
    expect(icon.stderr).not.toMatch(/simplekit: /);
    expect(icon.status).toBe(0);
    const own = JSON.parse(icon.stdout) as { icon?: { url: string; mimeType: string } };
    expect(own.icon?.mimeType).toBe('image/png');
    expect(own.icon?.url).toContain('org.openmobilealliance.pres-content');
    const offline = await cli('heidi', ['offline-status', 'away', '--note', 'Back on Monday', '--json']);
    expect(offline.status).toBe(0);
    expect(JSON.parse(offline.stdout)).toEqual({ offline: { status: 'away', note: 'Back on Monday' } });
  });

  it('writes a readable protocol trace without credentials', async () => {
    const trace = await cli('heidi', ['trace']);
    expect(trace.status).toBe(0);
    expect(trace.stdout).toMatch(/→ sent xcap http .* PUT \/xcap-root\//);
    const full = await cli('heidi', ['trace', '--full', '--json']);
    const records = full.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.length).toBeGreaterThan(2);
    expect(full.stdout).not.toContain(userOf('heidi').password);
    expect(full.stdout).not.toMatch(/Authorization: Digest (?!\[redacted\])/);
  });

  it('watch prints the contact list as JSON lines and stops cleanly on SIGINT', async () => {
    const watch = startCli(['watch', '--json'], { env: envOf('grace') });
    const first = await watch.waitFor(/\n/, 30_000);
    const roster = JSON.parse(first.split('\n')[0] ?? '') as {
      account: string;
      contacts: { name: string }[];
      newContactRequests: unknown[];
      blocked: unknown[];
    };
    expect(roster.account).toBe(userOf('grace').aor);
    expect(Array.isArray(roster.newContactRequests)).toBe(true);
    await watch.waitFor(/"Heidi"/, 30_000);
    // Subscribed to the contact list (RLS) and to our watcher information before Ctrl-C.
    await watch.waitFor(/"presenceList":\{"state":"ok"/, 30_000);
    await watch.waitFor(/"watcherInfo":\{"state":"ok"/, 30_000);
    watch.child.kill('SIGINT');
    const end = await watch.done;
    expect(end.status).toBe(0);
    expect(end.stderr).not.toMatch(/simplekit: /);
    // Ctrl-C stopped the engine cleanly: every subscription dialog ended (RFC 6665 §4.1.2.3), the publication
    // removed (RFC 3903 §4.5), the registration removed (RFC 3261 §10.2.2).
    const sent = (await sentRequests('grace')).filter((r) => ['SUBSCRIBE', 'PUBLISH', 'REGISTER'].includes(r.method));
    const dialogs = new Map<string, { method: string; removes: boolean }>();
    for (const r of sent) dialogs.set(r.method === 'SUBSCRIBE' ? `SUBSCRIBE ${r.callId}` : r.method, r);
    expect([...dialogs.keys()].filter((k) => k.startsWith('SUBSCRIBE')).length).toBeGreaterThanOrEqual(2);
    expect([...dialogs].filter(([, r]) => !r.removes).map(([k]) => k)).toEqual([]);
  });

  it('watch without a terminal prints one line per change and quits after --for', async () => {
    const r = await cli('grace', ['watch', '--for', '2']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ me: available/);
    expect(r.stdout).toMatch(/Heidi/);
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('info shows a contact from the address book', async () => {
    const r = await cli('grace', ['info', 'Heidi', '--json', '--timeout', '5']);
    expect(r.status).toBe(0);
    const info = JSON.parse(r.stdout) as { contact: { name: string; groups: string[]; uris: { uri: string }[] } };
    expect(info.contact).toMatchObject({ name: 'Heidi', groups: ['Friends'], uris: [{ uri: userOf('heidi').aor }] });
  });

  it('a status set with --stay is seen by a second account, which shows up as a watcher', async () => {
    const heidi = startCli(['status', 'busy', '--note', 'Presenting', '--stay'], { env: envOf('heidi') });
    await heidi.waitFor(/published; staying online/, 30_000);
    let watch = startCli(['watch', '--json'], { env: envOf('grace') });
    try {
      const seen = await watch.waitFor(/"name":"Heidi"[^\n]*"availability":"busy"/, 30_000);
      const line = seen.split('\n').find((l) => /"availability":"busy"/.test(l)) ?? '';
      const roster = JSON.parse(line) as { contacts: { name: string; availability: string; notes: string[] }[] };
      expect(roster.contacts.find((c) => c.name === 'Heidi')).toMatchObject({
        availability: 'busy',
        notes: ['Presenting'],
      });
      // One process per account at a time: end the watch, then ask for everything received about heidi.
      watch.child.kill('SIGINT');
      expect((await watch.done).status).toBe(0);
      type Received = { subscription: string; status?: string; notes: string[]; devices: { contact?: string }[] };
      type Info = { contact: { live: { byUri: (Received & { documents: string[] })[] } } };
      // info answers with what the RLS's first NOTIFY of this new list subscription says; right after the previous
      // one ended, that may still be heidi without an active instance (the RLS batches changes once a second).
      let view: (Received & { documents: string[] }) | undefined;
      let last = '';
      for (let attempt = 0; attempt < 8 && view?.status !== 'busy'; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
        const info = await cli('grace', ['info', 'Heidi', '--json']);
        expectOk(info);
        last = info.stdout;
        view = (JSON.parse(info.stdout) as Info).contact.live.byUri.find((v) => v.subscription === 'active');
      }
      expect(view, last).toMatchObject({ status: 'busy', notes: ['Presenting'] });
      expect(view?.devices.some((d) => d.contact?.includes(';gr=') === true)).toBe(true);
      expect(view?.documents.join('')).toContain('Presenting');
      // grace watches again, so that her list subscription (and the RLS's subscription to heidi) stays up while
      // heidi stops and then asks who watches her.
      watch = startCli(['watch', '--json'], { env: envOf('grace') });
      await watch.waitFor(/"name":"Heidi"[^\n]*"availability":"busy"/, 30_000);
      heidi.child.kill('SIGTERM');
      const heidiEnd = await heidi.done;
      expect(heidiEnd.status).toBe(0);
      expect(heidiEnd.stderr).not.toMatch(/simplekit: /);
      // SIGTERM stopped the engine cleanly: the last PUBLISH and REGISTER sent remove (RFC 3903 §4.5, RFC 3261 §10.2.2).
      type Sent = { direction: string; message?: { method?: string; headers: { name: string; value: string }[] } };
      const records = (await cli('heidi', ['trace', '--json'])).stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Sent);
      const lastSent = (method: string) =>
        records.filter((r) => r.direction === 'sent' && r.message?.method === method).at(-1)?.message?.headers ?? [];
      const removes = (headers: { name: string; value: string }[]) =>
        headers.some(
          (h) => (h.name === 'Expires' && h.value === '0') || (h.name === 'Contact' && /expires=0/.test(h.value)),
        );
      expect(removes(lastSent('PUBLISH'))).toBe(true);
      expect(removes(lastSent('REGISTER'))).toBe(true);
      const watchers = await cli('heidi', ['watchers', 'list', '--json']);
      expectOk(watchers);
      const list = JSON.parse(watchers.stdout) as { active: { uri: string }[] };
      expect(
        list.active.map((w) => w.uri),
        watchers.stdout,
      ).toContain(userOf('grace').aor);
    } finally {
      watch.child.kill('SIGINT');
      heidi.child.kill('SIGTERM');
      expect((await watch.done).status).toBe(0);
    }
  }, 120_000);

  it('a new contact request shows up under watchers list and is answered with watchers allow', async () => {
    const frank = userOf('frank');
    const grace = userOf('grace');
    expectOk(await addAccount('frank', 'frank'));
    expectOk(await cli('frank', ['contacts', 'add', grace.aor, '--name', 'Grace']));
    const watch = startCli(['watch', '--json'], { env: envOf('frank') });
    type Listed = { pending: { uri: string; status: string }[]; active: { uri: string }[] };
    // The winfo NOTIFY follows frank's (RLS back-end) SUBSCRIBE; ask again until it has arrived.
    const watchersOfGrace = async (done: (l: Listed) => boolean): Promise<Listed> => {
      for (let attempt = 0; ; attempt++) {
        const r = await cli('grace', ['watchers', 'list', '--json']);
        expectOk(r);
        const listed = JSON.parse(r.stdout) as Listed;
        if (done(listed) || attempt === 8) return listed;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    };
    try {
      await watch.waitFor(/"name":"Grace"/, 30_000);
      const requests = await watchersOfGrace((l) => l.pending.some((w) => w.uri === frank.aor));
      expect(requests.pending).toContainEqual(expect.objectContaining({ uri: frank.aor, status: 'pending' }));
      expectOk(await cli('grace', ['watchers', 'allow', frank.aor, '--name', 'Frank']));
      const answered = await watchersOfGrace((l) => l.active.some((w) => w.uri === frank.aor));
      expect(answered.active.map((w) => w.uri)).toContain(frank.aor);
      expect(answered.pending.map((w) => w.uri)).not.toContain(frank.aor);
    } finally {
      watch.child.kill('SIGINT');
    }
    expect((await watch.done).status).toBe(0);
  }, 120_000);

  it('trace --follow prints records as another run writes them, until Ctrl-C', async () => {
    const follow = startCli(['trace', '--follow', '--json'], { env: envOf('grace') });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const before = follow.stdout().split('\n').filter(Boolean).length;
      expectOk(await cli('grace', ['contacts', 'group', 'add', 'Followers']));
      const out = await follow.waitFor(/"startLine":"PUT [^"]*resource-lists/, 30_000);
      expect(out.split('\n').filter(Boolean).length).toBeGreaterThan(before);
    } finally {
      follow.child.kill('SIGINT');
    }
    const end = await follow.done;
    expect(end.status).toBe(0);
  });

  it('a refused registration (wrong password) ends a waiting command with one line and exit 1', async () => {
    const erin = userOf('erin');
    const add = await cli(
      'erin-bad',
      ['account', 'add', erin.aor, '--transport', 'tcp', '--proxy', `127.0.0.1:${tb.sip.tcpPort}`],
      {
        env: { SIMPLEKIT_PASSWORD: `${erin.password}-wrong` },
      },
    );
    expectOk(add);
    const r = await cli('erin-bad', ['status', 'away', '--stay']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^simplekit: CLI_NOT_REGISTERED: [^\n]*\n$/m);
    expect(r.stderr).not.toContain(erin.password);
  });

  it('fails with one line and exit 1 when the account is unknown, 2 on a usage error', async () => {
    const unknown = await cli('grace', ['contacts', 'list', '--account', 'nobody@example.com']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^simplekit: CLI_NOT_FOUND: [^\n]*\n$/);
    expect((await cli('grace', ['contacts', 'add'])).status).toBe(2);
  });
});

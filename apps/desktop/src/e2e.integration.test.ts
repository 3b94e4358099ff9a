import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Account,
  type AccountSnapshot,
  createAccount,
  createFileStorage,
  createStaticHostInfo,
  sipCoreUserAgents,
} from '@simplekit/account';
import { createFileTraceSink } from '@simplekit/sip-core';
import type { TestbedInfo, TestbedUser } from '@simplekit/testbed';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type DevWebServer, startDevWebServer } from './dev-web/server.js';
import { createDesktopHost, type DesktopHost } from './host/desktop-host.js';
import { sipFactory } from './host/sip-user-agents.js';
import { ensureChromium } from './test-support/chromium.js';
import { drawIcon, until } from './test-support/e2e.js';

// The renderer in Debian's Chromium, over the WebSocket bridge, on a real engine against the Kamailio testbed;
// a second engine (two devices of the same user) plays the other person.

const CHROMIUM = '/usr/bin/chromium';
const APP = fileURLToPath(new URL('..', import.meta.url));
// Every run takes the screenshots (a page that cannot be drawn fails the test); they land in the git-ignored
// test-artifacts/tmp unless SIMPLEKIT_UPDATE_SCREENSHOTS=1 asks to refresh the committed ones the README shows.
const ARTIFACTS = join(APP, 'test-artifacts', process.env.SIMPLEKIT_UPDATE_SCREENSHOTS === '1' ? '' : 'tmp');
const ROTATION_MS = 1500;

const tb: TestbedInfo = inject('testbed');
const me = userOf('carol');
const other = userOf('dave');
const third = userOf('erin');
// Fresh users for the denials: nobody else has decided about them (see testbed/src/vitest-global-setup.ts).
const deniedFromMenu = userOf('user012');
const deniedByDrag = userOf('user013');

function userOf(name: string): TestbedUser {
  const user = tb.users.find((u) => u.username === name);
  if (user === undefined) throw new Error(`the testbed has no user ${name}`);
  return user;
}

let root: string;
let host: DesktopHost;
let server: DevWebServer;
let browser: Browser | undefined;
let page: Page;
const devices: Account[] = [];
const opened: string[] = [];

/** Another person's engine on one of their devices (its own folders, like a separate machine). */
async function otherDevice(
  description: string,
  user: TestbedUser = other,
  displayName = user === other ? 'Dave Lister' : 'Erin',
): Promise<Account> {
  const dirs = { config: join(root, description, 'config'), state: join(root, description, 'state') };
  const account = createAccount(
    {
      address: user.aor,
      password: user.password,
      displayName,
      xcapRoot: tb.xcap.root,
      transport: 'tcp',
      outboundProxy: { host: tb.host, port: tb.sip.tcpPort, transport: 'tcp' },
    },
    {
      storage: createFileStorage(dirs),
      hostInfo: createStaticHostInfo({ description, userAgent: 'SimpleKit test (other side)', timeOffsetMinutes: 60 }),
      sip: sipCoreUserAgents(),
    },
  );
  devices.push(account);
  await account.start();
  await until(account, (s) => s.health.registration.state === 'ok' && s.health.publication.state === 'ok', 10_000);
  return account;
}

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

async function menu(tile: Locator, item: string): Promise<void> {
  await tile.click({ button: 'right' });
  await page.getByTestId(item).first().click();
}

const tileOf = (name: string) => page.getByTestId(`contact:${name}`);

/** Carol as another person sees her: the live view of their contact holding her address. */
const carolAsSeenOn = (s: AccountSnapshot) => s.contacts.find((c) => c.uris.some((u) => u.uri === me.aor))?.live;

/** Someone who adds carol (subscribing to her presence), so that she gets a contact request from them. */
async function requestFrom(user: TestbedUser, displayName: string): Promise<{ device: Account; request: Locator }> {
  const device = await otherDevice(`${user.username}-laptop`, user, displayName);
  await device.addContact({ name: 'Carol', uris: [{ uri: me.aor, type: 'SIP' }] });
  const request = page.getByTestId(`request:${user.aor}`);
  await request.waitFor({ timeout: 10_000 });
  // Undecided, the server holds the subscription pending (pres-rules: unlisted watchers are confirmed).
  expect(carolAsSeenOn(device.getSnapshot())?.availability).not.toBe('away');
  return { device, request };
}

/**
 * What a denial leaves: no request, a `block` policy element (no contact) listed under Blocked in carol's
 * engine and on screen, and the denied person's subscription answered with a polite block (RFC 5025 §3.2.1):
 * active, but carol offline with no note and no device of hers.
 */
async function expectDenied(user: TestbedUser, device: Account, request: Locator): Promise<void> {
  await request.waitFor({ state: 'detached', timeout: 10_000 });
  await expect
    .poll(() => page.getByTestId('section-blocked').getByTestId(`blocked:${user.aor}`).count(), { timeout: 10_000 })
    .toBe(1);
  const snapshot = host.getState().snapshot;
  expect(snapshot?.newContactRequests.map((w) => w.uri)).not.toContain(user.aor);
  expect(snapshot?.blocked.find((b) => b.uri === user.aor)).toMatchObject({ uri: user.aor });
  expect(snapshot?.blocked.find((b) => b.uri === user.aor)?.contactId).toBeUndefined();
  expect(snapshot?.policies.find((p) => p.uri === user.aor)?.presence.policy).toBe('block');
  expect(snapshot?.contacts.some((c) => c.uris.some((u) => u.uri === user.aor))).toBe(false);
  const withdrawn = await until(
    device,
    (s) =>
      s.presence[me.aor]?.subscription === 'active' &&
      carolAsSeenOn(s)?.availability === 'offline' &&
      carolAsSeenOn(s)?.notes.length === 0,
    10_000,
  );
  expect(
    carolAsSeenOn(withdrawn)?.devices.filter((d) => d.contact !== undefined || d.description !== undefined),
  ).toEqual([]);
}

beforeAll(async () => {
  await ensureChromium(CHROMIUM);
  root = await mkdtemp(join(tmpdir(), 'simplekit-desktop-e2e-'));
  await mkdir(ARTIFACTS, { recursive: true });
  const rendererDir = join(root, 'renderer');
  await build({ configFile: join(APP, 'vite.config.ts'), build: { outDir: rendererDir, sourcemap: false } });

  const dirs = { config: join(root, 'me', 'config'), state: join(root, 'me', 'state') };
  host = createDesktopHost({
    storage: createFileStorage(dirs),
    hostInfo: createStaticHostInfo({ description: 'carol-desktop', userAgent: 'SimpleKit-Desktop/e2e' }),
    stateDir: dirs.state,
    sip: sipFactory(),
    traceWriter: (path) => createFileTraceSink({ path }),
    openExternal: async (uri) => {
      opened.push(uri);
    },
    openPath: async () => {},
  });
  await host.start();
  server = await startDevWebServer({ host, rendererDir });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 420, height: 720 }, deviceScaleFactor: 1 });
  await page.goto(`${server.url}&noteRotationMs=${ROTATION_MS}`);
}, 20 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await host?.stop();
  await Promise.all(devices.map((d) => d.stop()));
  if (root !== undefined) await rm(root, { recursive: true, force: true });
}, 30_000);

describe('the desktop renderer in Chromium, over the WebSocket bridge, against the testbed', () => {
  it('sets up the account from the form and shows the empty contact list', async () => {
    const form = page.getByTestId('account-setup');
    await form.getByLabel('SIP address').fill(me.aor.replace(/^sip:/, ''));
    await form.getByLabel('Password').fill(me.password);
    await form.getByLabel('Display name').fill('Carol Danvers');
    await form.locator('summary').click();
    await form.getByLabel('XCAP root').fill(tb.xcap.root);
    await form.getByLabel('Outbound proxy').fill(`${tb.host}:${tb.sip.tcpPort};transport=tcp`);
    await screenshot('01-account-setup');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('own-presence').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => host.getState().snapshot?.health.registration.state, { timeout: 10_000 }).toBe('ok');
    await page.getByTestId('note-field').fill('Working from home');
    await page.getByTestId('note-field').press('Enter');
    await expect.poll(() => host.getState().snapshot?.own.note).toBe('Working from home');
    await expect(page.getByTestId('empty').textContent()).resolves.toContain('No contacts yet');
  });

  it('shows a contact request, allows it from the menu, and shows presence and note changes within 2 s', async () => {
    const laptop = await otherDevice('dave-laptop');
    await laptop.setStatus('available', 'Red Dwarf, deck 16');
    await laptop.setIcon({ data: await drawIcon(page, 'DL', '#b5522b'), mimeType: 'image/png' });
    await laptop.addContact({ name: 'Carol', uris: [{ uri: me.aor, type: 'SIP' }] });

    const request = page.getByTestId(`request:${other.aor}`);
    await request.waitFor({ timeout: 10_000 });
    await screenshot('02-contact-request');
    await menu(request, 'menu-allow');
    await request.waitFor({ state: 'detached', timeout: 10_000 });
    await until(laptop, (s) => s.presence[me.aor]?.subscription === 'active', 10_000);

    // Add Dave through the edit panel: name, address with its label, the two switches.
    await page.getByTestId('add-contact').click();
    const panel = page.getByTestId('edit-panel');
    await panel.getByLabel('Name').fill('Dave Lister');
    await panel.getByLabel('Address', { exact: true }).fill(other.aor.replace(/^sip:/, ''));
    await panel.getByLabel('Group').selectOption('__new__');
    await panel.getByLabel('New group name').fill('Red Dwarf crew');
    await screenshot('03-edit-contact');
    await panel.getByRole('button', { name: 'Save' }).click();

    const tile = tileOf('Dave Lister');
    await expect.poll(() => tile.getAttribute('data-status'), { timeout: 10_000 }).toBe('available');
    const crew = host.getState().snapshot?.groups.find((g) => g.name === 'Red Dwarf crew');
    expect(crew?.contactIds).toHaveLength(1);
    await expect.poll(() => tile.getByTestId('tile-note').textContent()).toBe('Red Dwarf, deck 16');
    // Dave's PIDF advertises his icon's URL (his OMA pres-content); the host fetches it through the engine, with
    // carol's credentials, and the tile shows it as a data URL instead of his initials.
    await expect
      .poll(() => host.getState().snapshot?.presence[other.aor]?.icon, { timeout: 5000 })
      .toMatch(/org\.openmobilealliance\.pres-content\/users\/sip:dave@/);
    await expect
      .poll(() => tile.locator('img.avatar-image').getAttribute('src'), { timeout: 5000 })
      .toMatch(/^data:image\/png;base64,/);

    await laptop.setStatus('busy', 'In a meeting');
    const changed = Date.now();
    await expect.poll(() => tile.getAttribute('data-status'), { timeout: 2000, interval: 50 }).toBe('busy');
    await expect
      .poll(() => tile.getByTestId('tile-note').textContent(), { timeout: 2000, interval: 50 })
      .toBe('In a meeting');
    expect(Date.now() - changed).toBeLessThan(2000);
    await screenshot('04-contact-list');
  });

  it('rotates the notes of a contact with two devices', async () => {
    const phone = await otherDevice('dave-phone');
    await phone.setStatus('away', 'On the train');
    const tile = tileOf('Dave Lister');
    await expect
      .poll(() => host.getState().snapshot?.contacts.find((c) => c.name === 'Dave Lister')?.live.notes.length, {
        timeout: 10_000,
      })
      .toBe(2);
    const note = tile.getByTestId('tile-note');
    const first = await note.textContent();
    await expect.poll(() => note.textContent(), { timeout: ROTATION_MS * 3, interval: 100 }).not.toBe(first);
    const second = await note.textContent();
    expect([first, second].sort()).toEqual(['In a meeting', 'On the train']);
  });

  it('shows device data in the presence information panel and offers each device in the menu', async () => {
    const tile = tileOf('Dave Lister');
    await menu(tile, 'menu-info');
    const panel = page.getByTestId('info-panel');
    await expect.poll(() => panel.getByTestId('device').count(), { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    const text = await panel.textContent();
    expect(text).toContain('dave-laptop');
    expect(text).toContain('dave-phone');
    expect(text).toContain('SimpleKit test (other side)');
    expect(text).toContain('UTC+1');
    await screenshot('05-presence-information');
    await panel.getByLabel('Close').click();

    await tile.click({ button: 'right' });
    const entries = page.getByTestId('menu-device');
    expect(await entries.count()).toBeGreaterThanOrEqual(2);
    await screenshot('06-contact-menu');
    await entries.first().click();
    await expect.poll(() => opened.length).toBe(1);
    const dave = host.getState().snapshot?.contacts.find((c) => c.name === 'Dave Lister');
    expect(dave?.live.devices.map((d) => d.contact)).toContain(opened[0]);
    expect(opened[0]).toMatch(/gr/);
  });

  it('opens the status menu with the history, and the preferences', async () => {
    await page.getByTestId('status-button').click();
    await page.getByTestId('status-away').waitFor();
    expect(await page.getByTestId('status-history').count()).toBeGreaterThanOrEqual(1);
    await screenshot('07-status-menu');
    await page.getByTestId('status-away').click();
    await expect.poll(() => host.getState().snapshot?.own.status).toBe('away');
    await page.getByTestId('icon-picker').setInputFiles({
      name: 'carol.png',
      mimeType: 'image/png',
      buffer: await drawIcon(page, 'CD', '#2f6fdb'),
    });
    await expect.poll(() => host.getState().snapshot?.own.icon?.mimeType, { timeout: 5000 }).toBe('image/png');
    expect(await page.getByTestId('own-presence').locator('img.avatar-image').count()).toBe(1);

    await page.getByTestId('open-preferences').click();
    const prefs = page.getByTestId('preferences-panel');
    // The switch follows the host's state (controlled), so click and wait for the host rather than check().
    await page.getByTestId('trace-toggle').click();
    await expect.poll(() => host.getState().trace.enabled).toBe(true);
    await prefs.getByLabel('Home page').fill('https://carol.example.com');
    await prefs.getByText('Show an offline status').click();
    await prefs.getByLabel('Offline note').fill('Back on Monday');
    await screenshot('08-preferences');
    await prefs.getByRole('button', { name: 'Save' }).click();
    // Read back from pidf-manipulation, the offline status is `offline` whatever was chosen (see the README).
    await expect.poll(() => host.getState().snapshot?.own.offline?.note, { timeout: 5000 }).toBe('Back on Monday');
    expect(host.getState().snapshot?.own.homepage).toBe('https://carol.example.com');
  });

  it('allows a request dragged into the contact list and adds the person as a contact', async () => {
    const erin = await otherDevice('erin-laptop', third);
    await erin.setStatus('extended-away', 'Gone fishing until Monday');
    await erin.addContact({ name: 'Carol', uris: [{ uri: me.aor, type: 'SIP' }] });
    const request = page.getByTestId(`request:${third.aor}`);
    await request.waitFor({ timeout: 10_000 });
    const crew = page.locator('section.section-group').filter({ hasText: 'Red Dwarf crew' });
    await request.dragTo(crew);
    await request.waitFor({ state: 'detached', timeout: 10_000 });
    await expect
      .poll(
        () => host.getState().snapshot?.contacts.find((c) => c.uris.some((u) => u.uri === third.aor))?.groupIds.length,
        {
          timeout: 5000,
        },
      )
      .toBe(1);
    await expect.poll(() => crew.getByTestId(`contact:${third.aor.replace(/^sip:/, '')}`).count()).toBe(1);
    await until(erin, (s) => s.presence[me.aor]?.subscription === 'active', 10_000);
    await expect
      .poll(() => crew.getByTestId(`contact:${third.aor.replace(/^sip:/, '')}`).getAttribute('data-status'), {
        timeout: 5000,
      })
      .toBe('extended-away');
    await screenshot('09-group-after-drag');

    await page.getByTestId('open-watchers').click();
    const watchers = page.getByTestId('watchers-panel');
    // Dave's watcher subscription is active. (Erin's, allowed a moment ago, may still be reported `pending` by the
    // server's watcherinfo; it no longer counts as a request because the address book holds a decision.)
    await expect.poll(() => watchers.getByTestId(`watcher:${other.aor}`).count(), { timeout: 5000 }).toBe(1);
    expect(await watchers.textContent()).toContain('dave@simplekit.test');
    await screenshot('12-watchers');
    await watchers.getByLabel('Close').click();
  });

  it('moves a blocked contact to Blocked, and the blocked person stops seeing me', async () => {
    const laptop = devices[0];
    if (laptop === undefined) throw new Error("dave's laptop is not running");
    const carolAsDaveSees = (s: AccountSnapshot) => s.contacts.find((c) => c.uris.some((u) => u.uri === me.aor))?.live;
    // While carol is online her offline status (pidf-manipulation, "Back on Monday") is not what dave sees.
    await until(laptop, (s) => carolAsDaveSees(s)?.availability === 'away', 10_000);
    expect(carolAsDaveSees(laptop.getSnapshot())?.notes).toEqual(['Working from home']);

    // From the keyboard this time: Shift+F10 on the focused tile opens its menu.
    await tileOf('Dave Lister').focus();
    await page.keyboard.press('Shift+F10');
    await page.getByTestId('menu-block').click();
    const blocked = page.getByTestId('section-blocked');
    await expect.poll(() => blocked.getByText('Dave Lister').count(), { timeout: 10_000 }).toBe(1);
    expect(await tileOf('Dave Lister').count()).toBe(0);
    await screenshot('10-blocked');
    // A polite block (RFC 5025 §3.2.1) keeps dave's subscription active, but he is no longer listed as watching,
    // and his list (through the RLS) shows carol offline with nothing of hers.
    await page.getByTestId('open-watchers').click();
    const watchers = page.getByTestId('watchers-panel');
    await expect.poll(() => watchers.getByTestId(`watcher:${other.aor}`).count(), { timeout: 10_000 }).toBe(0);
    await watchers.getByLabel('Close').click();
    const withdrawn = await until(
      laptop,
      (s) => carolAsDaveSees(s)?.availability === 'offline' && carolAsDaveSees(s)?.notes.length === 0,
      10_000,
    );
    // What is left is the server's neutral closed tuple, which names no device.
    expect(carolAsDaveSees(withdrawn)?.devices).toEqual([]);

    // The trace switched on in the preferences holds the XCAP and SIP messages, never the password.
    const file = host.getState().trace.file ?? '';
    await expect.poll(async () => (await readFile(file, 'utf8').catch(() => '')).includes('PUBLISH ')).toBe(true);
    const trace = await readFile(file, 'utf8');
    expect(trace).toContain('PUT /xcap-root/');
    expect(trace).not.toContain(me.password);
    expect(trace).not.toMatch(/response="[0-9a-f]/);
  });

  it('says what is wrong when a password is wrong', async () => {
    await page.getByTestId('account-switcher').selectOption('__add__');
    const form = page.getByTestId('account-setup').last();
    await form.getByLabel('SIP address').fill(other.aor);
    await form.getByLabel('Password').fill('not-the-password');
    await form.locator('summary').click();
    await form.getByLabel('XCAP root').fill(tb.xcap.root);
    await form.getByLabel('Outbound proxy').fill(`${tb.host}:${tb.sip.tcpPort};transport=tcp`);
    await form.getByRole('button', { name: 'Sign in' }).click();
    const problem = page.getByTestId('problem');
    await expect.poll(() => problem.textContent(), { timeout: 15_000 }).toContain('Wrong password');
    await screenshot('11-wrong-password');

    await page.getByTestId('account-switcher').selectOption(me.aor.replace(/^sip:/, ''));
    await expect.poll(() => page.getByTestId('problem').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('section-blocked').getByText('Dave Lister').count()).toBe(1);
  });

  it('renames a group from its header menu', async () => {
    await page.locator('.section-header').filter({ hasText: 'Red Dwarf crew' }).click({ button: 'right' });
    await page.getByTestId('menu-rename-group').click();
    const panel = page.getByTestId('rename-group-panel');
    await panel.getByLabel('Group name').fill('Starbug crew');
    await panel.getByRole('button', { name: 'Rename' }).click();
    await expect
      .poll(() => host.getState().snapshot?.groups.map((g) => g.name), { timeout: 5000 })
      .toEqual(['Starbug crew']);
    await expect.poll(() => page.locator('.section-title').allTextContents()).toContain('Starbug crew');
  });

  it('edits a contact from its menu: a labelled tel and XMPP address and the two switches', async () => {
    const erinTile = page.getByTestId(`contact:${third.aor.replace(/^sip:/, '')}`);
    await menu(erinTile, 'menu-edit');
    const panel = page.getByTestId('edit-panel');
    for (const [type, address] of [
      ['tel', '+31 20 123 4567'],
      ['XMPP', 'erin@jabber.example'],
    ] as const) {
      await panel.getByRole('button', { name: '+ Add address' }).click();
      await panel.getByLabel('Address type').last().selectOption(type);
      await panel.getByLabel('Address', { exact: true }).last().fill(address);
    }
    await panel.getByText("Subscribe to contact's presence information").click();
    await panel.getByText('Allow contact to see my presence information').click();
    await panel.getByRole('button', { name: 'Save' }).click();
    const erin = () => host.getState().snapshot?.contacts.find((c) => c.uris.some((u) => u.uri === third.aor));
    await expect
      .poll(() => erin()?.uris.map((u) => [u.type, u.uri]), { timeout: 5000 })
      .toEqual([
        ['SIP', third.aor],
        ['tel', 'tel:+31201234567'],
        ['XMPP', 'xmpp:erin@jabber.example'],
      ]);
    await expect
      .poll(() => erin()?.presence, { timeout: 10_000 })
      .toMatchObject({ subscribe: false, policy: 'default' });
  });

  it('deletes a contact after confirming', async () => {
    const erinTile = page.getByTestId(`contact:${third.aor.replace(/^sip:/, '')}`);
    await menu(erinTile, 'menu-delete');
    const confirm = page.getByTestId('confirm-panel');
    expect(await confirm.textContent()).toContain('Delete erin@simplekit.test from your contacts?');
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await erinTile.waitFor({ state: 'detached', timeout: 5000 });
    expect(host.getState().snapshot?.contacts.some((c) => c.uris.some((u) => u.uri === third.aor))).toBe(false);
  });

  it('denies a contact request from its menu: Blocked, and the denied person sees me offline', async () => {
    const { device, request } = await requestFrom(deniedFromMenu, 'Kryten');
    await menu(request, 'menu-deny');
    await expectDenied(deniedFromMenu, device, request);
    await screenshot('13-denied-from-menu');
  });

  it('denies a contact request dragged onto Blocked, and the denied person sees me offline', async () => {
    const { device, request } = await requestFrom(deniedByDrag, 'Holly');
    await request.dragTo(page.getByTestId('section-blocked'));
    await expectDenied(deniedByDrag, device, request);
    // The drop decided nothing else: no contact was added for the denied person.
    expect(host.getState().snapshot?.contacts.map((c) => c.name)).not.toContain('Holly');
  });
});

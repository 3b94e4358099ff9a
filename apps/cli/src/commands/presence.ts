import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import type { AccountSnapshot, Availability } from '@simplekit/account';
import { runEdit, withSession } from '../account/lazy.js';
import { ACCOUNT_OPTIONS, LOCAL_OPTION } from '../account/options.js';
import type { Session } from '../account/session.js';
import { type CommandContext, type CommandSpec, flagOption, stringOption } from '../frame/command.js';
import { CliInputError, CliUnavailableError, CliUsageError } from '../frame/errors.js';
import { untilInterrupted } from '../frame/wait.js';
import { availabilityLabel } from '../render/availability.js';

const STATUSES: readonly Availability[] = ['available', 'away', 'busy', 'extended-away', 'offline'];

function statusOf(value: string, command: string): Availability {
  const found = STATUSES.find((s) => s === value);
  if (found === undefined)
    throw new CliUsageError(
      `${command}: expected one of ${STATUSES.join(', ')}, got ${JSON.stringify(value)}`,
      command,
    );
  return found;
}

const STAY_OPTIONS = {
  stay: { type: 'boolean', description: 'go online and stay until Ctrl-C, so that watchers see it now' },
  for: { type: 'string', valueName: 'seconds', description: 'with --stay: leave after this many seconds' },
} as const;

function ownJson(snapshot: AccountSnapshot): Record<string, unknown> {
  const { history: _h, ...own } = snapshot.own;
  return { account: snapshot.address, ...own, publication: snapshot.health.publication };
}

function printOwn(context: CommandContext, snapshot: AccountSnapshot): void {
  if (context.json) {
    context.printJson(ownJson(snapshot));
    return;
  }
  const own = snapshot.own;
  const s = context.style;
  context.print(`${s.bold(snapshot.address)}  ${availabilityLabel(own.status, s)}${own.note ? `  “${own.note}”` : ''}`);
  if (own.location !== undefined) context.print(`  location: ${own.location}`);
  if (own.homepage !== undefined) context.print(`  homepage: ${own.homepage}`);
  if (own.icon !== undefined) context.print(`  icon: ${own.icon.url} (${own.icon.mimeType})`);
  if (own.offline !== undefined)
    context.print(`  while offline: ${own.offline.status}${own.offline.note ? ` “${own.offline.note}”` : ''}`);
}

function stayMs(context: CommandContext, command: string): number | undefined {
  const value = stringOption(context, 'for');
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new CliUsageError(`--for: expected seconds, got ${value}`, command);
  return seconds * 1000;
}

/** Stays online until Ctrl-C (or `--for`), printing the publication's health when it changes. */
async function stayOnline(context: CommandContext, session: Session, ms: number | undefined): Promise<void> {
  if (!session.sip) throw new CliUnavailableError('publishing needs a SIP user agent, which this build does not have');
  await session.until(
    'publishing',
    (s) => s.health.publication.state === 'ok' || s.health.publication.state === 'failed',
  );
  const publication = session.snapshot().health.publication;
  if (!context.json) {
    context.print(
      publication.state === 'ok'
        ? context.style.green(`published; staying online${ms === undefined ? ' until Ctrl-C' : ` for ${ms / 1000} s`}`)
        : context.style.red(`publication failed: ${publication.reason ?? 'unknown reason'}`),
    );
  }
  await untilInterrupted(context.signal, ms);
}

/** Changes our own presence; publishes it now only with `--stay` (the engine keeps it for the next time online). */
async function changeOwn(
  context: CommandContext,
  command: string,
  change: (s: Session) => Promise<void>,
): Promise<number> {
  const stay = flagOption(context, 'stay');
  const ms = stayMs(context, command);
  return withSession(context, command, { online: stay }, async (session) => {
    await change(session);
    printOwn(context, session.snapshot());
    if (stay) await stayOnline(context, session, ms);
    return 0;
  });
}

const status: CommandSpec = {
  path: ['status'],
  summary: 'Show or set your status (available, away, busy, extended-away, offline)',
  args: '[status]',
  json: true,
  positionals: { min: 0, max: 1 },
  options: {
    ...ACCOUNT_OPTIONS,
    ...STAY_OPTIONS,
    note: { type: 'string', valueName: 'text', description: 'set the note too' },
  },
  examples: ['simplekit status', 'simplekit status busy --note "in a meeting" --stay'],
  async run(context) {
    const value = context.positionals[0];
    const note = stringOption(context, 'note');
    if (value === undefined && note === undefined) {
      return withSession(context, 'status', { online: false }, async (session) => {
        printOwn(context, session.snapshot());
        return 0;
      });
    }
    return changeOwn(context, 'status', async ({ account }) => {
      if (value === undefined) await account.setNote(note ?? '');
      else await account.setStatus(statusOf(value, 'status'), note);
    });
  },
};

const note: CommandSpec = {
  path: ['note'],
  summary: 'Set the note shown under your name (empty to clear)',
  args: '<text>',
  json: true,
  positionals: { min: 1, max: 1 },
  options: { ...ACCOUNT_OPTIONS, ...STAY_OPTIONS },
  async run(context) {
    return changeOwn(context, 'note', ({ account }) => account.setNote(context.positionals[0] ?? ''));
  },
};

const location: CommandSpec = {
  path: ['location'],
  summary: 'Set where you are (CIPID map; published when the account publishes its location), or --off',
  args: '[text]',
  json: true,
  positionals: { min: 0, max: 1 },
  options: { ...ACCOUNT_OPTIONS, ...STAY_OPTIONS, off: { type: 'boolean', description: 'stop publishing a location' } },
  async run(context) {
    const value = context.positionals[0];
    const off = flagOption(context, 'off');
    if ((value === undefined) === !off) throw new CliUsageError('location: give a location or --off', 'location');
    return changeOwn(context, 'location', ({ account }) => account.setLocation(off ? undefined : value));
  },
};

const homepage: CommandSpec = {
  path: ['homepage'],
  summary: 'Set your home page (CIPID homepage), or --off',
  args: '[url]',
  json: true,
  positionals: { min: 0, max: 1 },
  options: { ...ACCOUNT_OPTIONS, ...STAY_OPTIONS, off: { type: 'boolean', description: 'remove the home page' } },
  async run(context) {
    const value = context.positionals[0];
    const off = flagOption(context, 'off');
    if ((value === undefined) === !off) throw new CliUsageError('homepage: give a URL or --off', 'homepage');
    if (value !== undefined && !URL.canParse(value))
      throw new CliUsageError(`homepage: not a URL: ${value}`, 'homepage');
    return changeOwn(context, 'homepage', ({ account }) => account.setHomepage(off ? undefined : value));
  },
};

const IMAGE_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
};

const iconSet: CommandSpec = {
  path: ['icon', 'set'],
  summary: 'Upload your icon (OMA pres-content) and publish its URL',
  args: '<image>',
  json: true,
  positionals: { min: 1, max: 1 },
  options: {
    ...ACCOUNT_OPTIONS,
    ...LOCAL_OPTION,
    type: { type: 'string', valueName: 'mime', description: 'image type when the file name does not say' },
  },
  async run(context) {
    const path = context.positionals[0] ?? '';
    const mimeType = stringOption(context, 'type') ?? IMAGE_TYPES[extname(path).toLowerCase()];
    if (mimeType === undefined)
      throw new CliUsageError(`icon set: cannot tell the image type of ${path}; give --type`, 'icon set');
    let data: Uint8Array;
    try {
      data = await readFile(resolve(context.io.cwd, path));
    } catch (cause) {
      throw new CliInputError('CLI_INPUT', `${path}: cannot be read`, { cause });
    }
    const session = await runEdit(context, 'icon set', async (account, s) => {
      await account.setIcon({ data, mimeType });
      return s;
    });
    printOwn(context, session.snapshot());
    return 0;
  },
};

const iconClear: CommandSpec = {
  path: ['icon', 'clear'],
  summary: 'Remove your icon',
  json: true,
  options: { ...ACCOUNT_OPTIONS, ...LOCAL_OPTION },
  async run(context) {
    await runEdit(context, 'icon clear', (account) => account.setIcon(undefined));
    if (context.json) context.printJson({ icon: null });
    else context.print('icon removed');
    return 0;
  },
};

const offlineStatus: CommandSpec = {
  path: ['offline-status'],
  summary: 'Set what watchers see while none of your devices is online (pidf-manipulation), or --clear',
  args: '[status]',
  json: true,
  positionals: { min: 0, max: 1 },
  options: {
    ...ACCOUNT_OPTIONS,
    ...LOCAL_OPTION,
    note: { type: 'string', valueName: 'text', description: 'the note watchers see' },
    clear: { type: 'boolean', description: 'remove the offline status' },
  },
  examples: ['simplekit offline-status away --note "back on Monday"', 'simplekit offline-status --clear'],
  async run(context) {
    const clear = flagOption(context, 'clear');
    const value = context.positionals[0];
    if (clear === (value !== undefined || stringOption(context, 'note') !== undefined)) {
      throw new CliUsageError('offline-status: give a status and/or --note, or --clear', 'offline-status');
    }
    const offline = clear
      ? undefined
      : { status: statusOf(value ?? 'offline', 'offline-status'), note: stringOption(context, 'note') ?? '' };
    await runEdit(context, 'offline-status', (account) => account.setOfflineStatus(offline));
    if (context.json) context.printJson({ offline: offline ?? null });
    else
      context.print(
        offline
          ? `while offline, watchers see: ${offline.status}${offline.note ? ` “${offline.note}”` : ''}`
          : 'offline status removed',
      );
    return 0;
  },
};

const history: CommandSpec = {
  path: ['status', 'history'],
  summary: 'The last combinations of status and note you used',
  json: true,
  options: { ...ACCOUNT_OPTIONS },
  async run(context) {
    return withSession(context, 'status history', { online: false }, async (session) => {
      const entries = session.snapshot().own.history;
      if (context.json) context.printJson(entries);
      else {
        if (entries.length === 0) context.print(context.style.dim('no history yet'));
        for (const e of entries) {
          context.print(
            `${context.style.dim(new Date(e.at).toISOString())}  ${availabilityLabel(e.status, context.style)}${e.note ? `  “${e.note}”` : ''}`,
          );
        }
      }
      return 0;
    });
  },
};

export const presenceCommands: readonly CommandSpec[] = [
  status,
  history,
  note,
  location,
  homepage,
  iconSet,
  iconClear,
  offlineStatus,
];

import type { StoredAccount } from '@simplekit/account';
import { loadRegistry } from '../account/lazy.js';
import { readPassword } from '../account/password.js';
import { type CommandContext, type CommandSpec, flagOption, stringOption } from '../frame/command.js';
import { CliError, CliUsageError } from '../frame/errors.js';

function transportOption(context: CommandContext): 'tls' | 'tcp' | undefined {
  const value = stringOption(context, 'transport');
  if (value === undefined || value === 'tls' || value === 'tcp') return value;
  throw new CliUsageError(`--transport: expected tls or tcp, got ${JSON.stringify(value)}`, 'account add');
}

/** `host[:port]` of `--proxy`, IPv6 in brackets. */
function proxyOption(context: CommandContext, transport: 'tls' | 'tcp' | undefined): StoredAccount['outboundProxy'] {
  const value = stringOption(context, 'proxy');
  if (value === undefined) return undefined;
  const m = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(value);
  if (!m || m[1] === undefined)
    throw new CliUsageError(`--proxy: expected host[:port], got ${JSON.stringify(value)}`, 'account add');
  return {
    host: m[1],
    ...(m[2] === undefined ? {} : { port: Number(m[2]) }),
    ...(transport === undefined ? {} : { transport }),
  };
}

/** An account as shown: everything but the password. */
function accountJson(stored: StoredAccount, id: string): Record<string, unknown> {
  const { password, ...rest } = stored;
  return {
    id,
    ...rest,
    enabled: stored.enabled !== false,
    password: password === undefined ? 'none' : 'stored',
  };
}

const add: CommandSpec = {
  path: ['account', 'add'],
  summary: 'Add a SIP account (the password is asked for without echo, or read from SIMPLEKIT_PASSWORD)',
  args: '<address>',
  json: true,
  positionals: { min: 1, max: 1 },
  options: {
    'display-name': { type: 'string', short: 'n', valueName: 'name', description: 'your name as others see it' },
    'auth-username': { type: 'string', valueName: 'user', description: 'authentication user when it differs' },
    transport: { type: 'string', valueName: 'tls|tcp', description: 'signalling transport (default tls)' },
    proxy: { type: 'string', valueName: 'host[:port]', description: 'outbound proxy instead of resolving the domain' },
    'xcap-root': { type: 'string', valueName: 'url', description: 'XCAP root URL for contacts and policies' },
    'no-xcap': { type: 'boolean', description: 'keep contacts locally, no XCAP storage' },
    'password-stdin': { type: 'boolean', description: 'read the password from the first line of stdin' },
  },
  examples: [
    'simplekit account add sip:alice@example.com --xcap-root https://xcap.example.com/xcap-root',
    'SIMPLEKIT_PASSWORD=secret simplekit account add sip:bob@example.com --transport tcp --proxy 127.0.0.1:5060',
  ],
  async run(context) {
    const address = context.positionals[0] ?? '';
    const transport = transportOption(context);
    const outboundProxy = proxyOption(context, transport);
    const { accountIdOf, storageOf } = await loadRegistry();
    const { resolveAccountConfig } = await import('@simplekit/account');
    const storage = storageOf(context.io);
    const accounts = await storage.loadAccounts();
    const draft: StoredAccount = {
      address,
      ...(stringOption(context, 'display-name') === undefined
        ? {}
        : { displayName: stringOption(context, 'display-name') }),
      ...(stringOption(context, 'auth-username') === undefined
        ? {}
        : { authUsername: stringOption(context, 'auth-username') }),
      ...(transport === undefined ? {} : { transport }),
      ...(outboundProxy === undefined ? {} : { outboundProxy }),
      ...(stringOption(context, 'xcap-root') === undefined ? {} : { xcapRoot: stringOption(context, 'xcap-root') }),
      ...(flagOption(context, 'no-xcap') ? { switches: { xcapStorage: false } } : {}),
    };
    // Checks the address, proxy and XCAP root before asking for a password the user would then type in vain.
    resolveAccountConfig({ ...draft, password: 'unchecked' });
    const id = accountIdOf(draft);
    if (accounts.some((a) => accountIdOf(a) === id)) {
      throw new CliError('CLI_EXISTS', `account ${id} exists already (remove it first)`);
    }
    const password = await readPassword(context.io, { fromStdin: flagOption(context, 'password-stdin'), label: id });
    const stored: StoredAccount = { ...draft, password };
    await storage.saveAccounts([...accounts, stored]);
    if (context.json) context.printJson(accountJson(stored, id));
    else context.print(`added account ${context.style.bold(id)}`);
    return 0;
  },
};

const list: CommandSpec = {
  path: ['account', 'list'],
  summary: 'List the configured accounts',
  json: true,
  async run(context) {
    const { accountIdOf, storageOf } = await loadRegistry();
    const accounts = await storageOf(context.io).loadAccounts();
    if (context.json) {
      context.printJson(accounts.map((a) => accountJson(a, accountIdOf(a))));
      return 0;
    }
    if (accounts.length === 0) context.print(context.style.dim('no account: simplekit account add <address>'));
    for (const a of accounts) {
      const how = [a.transport ?? 'tls', a.outboundProxy ? `via ${a.outboundProxy.host}` : undefined, a.xcapRoot]
        .filter((s) => s !== undefined)
        .join(', ');
      context.print(
        `${context.style.bold(accountIdOf(a))}  ${a.address}${a.enabled === false ? ' (disabled)' : ''}  ${context.style.dim(how)}`,
      );
    }
    return 0;
  },
};

const show: CommandSpec = {
  path: ['account', 'show'],
  summary: 'Show one account (never its password)',
  args: '<account>',
  json: true,
  positionals: { min: 1, max: 1 },
  async run(context) {
    const { accountIdOf, findAccount, storageOf } = await loadRegistry();
    const accounts = await storageOf(context.io).loadAccounts();
    const account = findAccount(accounts, context.positionals[0] ?? '');
    const found = accountJson(account, accountIdOf(account));
    if (context.json) context.printJson(found);
    else
      for (const [k, v] of Object.entries(found))
        context.print(`${context.style.dim(`${k}:`)} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
    return 0;
  },
};

const remove: CommandSpec = {
  path: ['account', 'remove'],
  summary: 'Remove an account from the configuration',
  args: '<account>',
  positionals: { min: 1, max: 1 },
  async run(context) {
    const { accountIdOf, findAccount, storageOf } = await loadRegistry();
    const storage = storageOf(context.io);
    const accounts = await storage.loadAccounts();
    const found = findAccount(accounts, context.positionals[0] ?? '');
    await storage.saveAccounts(accounts.filter((a) => a !== found));
    context.print(`removed account ${context.style.bold(accountIdOf(found))}`);
    return 0;
  },
};

export const accountCommands: readonly CommandSpec[] = [add, list, show, remove];

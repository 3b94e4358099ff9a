import type { AccountSnapshot, Watcher } from '@simplekit/account';
import { runEdit, withSession } from '../account/lazy.js';
import { ACCOUNT_OPTIONS, LOCAL_OPTION } from '../account/options.js';
import { contactUriOf } from '../contacts/resolve.js';
import { type CommandContext, type CommandSpec, stringOption } from '../frame/command.js';

function label(w: Watcher): string {
  return w.displayName === undefined ? w.uri : `${w.displayName} <${w.uri}>`;
}

function printWatchers(context: CommandContext, snapshot: AccountSnapshot): void {
  if (context.json) {
    context.printJson({
      account: snapshot.address,
      pending: snapshot.newContactRequests,
      active: snapshot.watching,
      blocked: snapshot.blocked,
      all: snapshot.watchers,
      health: snapshot.health.watcherInfo,
    });
    return;
  }
  const s = context.style;
  const section = (title: string, lines: readonly string[]) => {
    context.print(s.bold(title));
    if (lines.length === 0) context.print(s.dim('  none'));
    for (const line of lines) context.print(`  ${line}`);
  };
  section('New Contact Requests (pending)', snapshot.newContactRequests.map(label));
  section('People watching my presence (active)', snapshot.watching.map(label));
  section(
    'Blocked',
    snapshot.blocked.map((b) => (b.name ? `${b.name} <${b.uri}>` : b.uri)),
  );
  const health = snapshot.health.watcherInfo;
  if (health.state === 'failed') context.print(s.red(`watcher information failed: ${health.reason ?? 'unknown'}`));
}

const list: CommandSpec = {
  path: ['watchers', 'list'],
  summary: 'Who watches my presence: pending requests, active watchers, blocked (presence.winfo)',
  json: true,
  options: { ...ACCOUNT_OPTIONS },
  async run(context) {
    return withSession(context, 'watchers list', { online: true }, async (session) => {
      // RFC 3857 §5.2: the first NOTIFY of the winfo subscription carries the full state.
      if (session.sip) {
        await session.until(
          'waiting for the watcher list',
          (s) => s.health.watcherInfo.state === 'ok' || s.health.watcherInfo.state === 'failed',
        );
      }
      printWatchers(context, session.snapshot());
      return 0;
    });
  },
};

function decision(verb: 'allow' | 'deny' | 'block' | 'unblock'): CommandSpec {
  const summaries = {
    allow: 'Let a watcher see my presence (answers a New Contact Request)',
    deny: 'Refuse a request (kept under Blocked, as Blink does, so it can be undone)',
    block: 'Block an address from seeing my presence',
    unblock: 'Remove a block',
  } as const;
  return {
    path: ['watchers', verb],
    summary: summaries[verb],
    args: '<uri>',
    positionals: { min: 1, max: 1 },
    options: {
      ...ACCOUNT_OPTIONS,
      ...LOCAL_OPTION,
      ...(verb === 'unblock'
        ? {}
        : { name: { type: 'string', short: 'n', valueName: 'name', description: 'a name for the address' } }),
    },
    async run(context) {
      const { uri } = contactUriOf(context.positionals[0] ?? '');
      const name = stringOption(context, 'name');
      await runEdit(context, `watchers ${verb}`, async (account) => {
        if (verb === 'allow') await account.allowWatcher(uri, name);
        else if (verb === 'deny') await account.denyWatcher(uri, name);
        else if (verb === 'block') await account.blockWatcher(uri, name);
        else await account.unblockWatcher(uri);
      });
      const done = { allow: 'allowed', deny: 'denied', block: 'blocked', unblock: 'unblocked' } as const;
      context.print(`${done[verb]} ${uri}`);
      return 0;
    },
  };
}

export const watchersCommands: readonly CommandSpec[] = [
  list,
  decision('allow'),
  decision('deny'),
  decision('block'),
  decision('unblock'),
];

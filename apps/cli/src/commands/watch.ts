import type { AccountSnapshot } from '@simplekit/account';
import { withSession } from '../account/lazy.js';
import { ACCOUNT_OPTIONS } from '../account/options.js';
import { type CommandSpec, stringOption } from '../frame/command.js';
import { CliUsageError } from '../frame/errors.js';
import { createLiveView } from '../frame/live-view.js';
import { untilInterrupted } from '../frame/wait.js';
import { rosterJson, rosterLines } from '../render/roster.js';
import { rosterFacts } from '../render/roster-facts.js';

export const watchCommand: CommandSpec = {
  path: ['watch'],
  summary: 'A live view of the contact list: requests on top, groups, Blocked at the bottom (Ctrl-C to quit)',
  description:
    'On a terminal the view is redrawn in place. Otherwise each change is printed as a line, and with --json each\nchange prints the whole list as one JSON line.',
  json: true,
  options: {
    ...ACCOUNT_OPTIONS,
    for: { type: 'string', valueName: 'seconds', description: 'quit after this many seconds' },
  },
  async run(context) {
    const forValue = stringOption(context, 'for');
    const ms = forValue === undefined ? undefined : Number(forValue) * 1000;
    if (ms !== undefined && !(ms > 0)) throw new CliUsageError(`--for: expected seconds, got ${forValue}`, 'watch');
    return withSession(context, 'watch', { online: true }, async (session) => {
      const { account } = session;
      const live = !context.json && context.io.stdout.isTTY;
      const view = live ? createLiveView({ stream: context.io.stdout }) : undefined;
      let lastJson = '';
      let facts = new Map<string, string>();
      const show = (snapshot: AccountSnapshot) => {
        if (view) {
          view.show([...rosterLines(snapshot, context.style), '', context.style.dim('Ctrl-C to quit')]);
        } else if (context.json) {
          const line = JSON.stringify(rosterJson(snapshot));
          if (line !== lastJson) context.io.stdout.write(`${line}\n`);
          lastJson = line;
        } else {
          const next = rosterFacts(snapshot, context.style);
          const time = new Date().toISOString().slice(11, 19);
          for (const [key, text] of next)
            if (facts.get(key) !== text) context.print(`${context.style.dim(time)} ${text}`);
          for (const [key, text] of facts)
            if (!next.has(key)) context.print(`${context.style.dim(time)} gone: ${text}`);
          facts = next;
        }
      };
      show(account.getSnapshot());
      const off = account.subscribe((snapshot) => show(snapshot));
      try {
        await untilInterrupted(context.signal, ms);
      } finally {
        off();
        view?.close();
      }
      return 0;
    });
  },
};

import type { AccountSnapshot, Contact } from '@simplekit/account';
import { withSession } from '../account/lazy.js';
import { ACCOUNT_OPTIONS } from '../account/options.js';
import { findContact } from '../contacts/resolve.js';
import { type CommandSpec, flagOption } from '../frame/command.js';
import { CliError } from '../frame/errors.js';

/** Everything a subscription can tell about this contact has arrived: each URI is active with a document, or is not active. */
function received(snapshot: AccountSnapshot, contact: Contact): boolean {
  const fresh = snapshot.contacts.find((c) => c.id === contact.id);
  if (fresh === undefined || !fresh.presence.subscribe) return true;
  return fresh.uris.every((u) => {
    const view = snapshot.presence[u.uri];
    if (view === undefined || view.subscription === 'unknown') return false;
    return view.subscription !== 'active' || view.documents.length > 0;
  });
}

export const infoCommand: CommandSpec = {
  path: ['info'],
  summary: 'Everything received about a contact (the presence information panel)',
  args: '<contact>',
  json: true,
  positionals: { min: 1, max: 1 },
  options: {
    ...ACCOUNT_OPTIONS,
    cached: { type: 'boolean', description: 'do not go online; show the address book entry only' },
  },
  async run(context) {
    const online = !flagOption(context, 'cached');
    return withSession(context, 'info', { online }, async (session) => {
      const contact = findContact(session.snapshot(), context.positionals[0] ?? '');
      if (online && session.sip) {
        try {
          await session.until(`waiting for ${contact.name || contact.id}'s presence`, (s) => received(s, contact));
        } catch (error) {
          // Nothing (yet) is an answer too: show what there is.
          if (!(error instanceof CliError && error.code === 'CLI_TIMEOUT')) throw error;
        }
      }
      const { contactInfoJson, contactInfoLines } = await import('../render/contact-info.js');
      const snapshot = session.snapshot();
      const fresh = findContact(snapshot, contact.id);
      if (context.json) context.printJson(contactInfoJson(snapshot, fresh));
      else for (const line of contactInfoLines(snapshot, fresh, context.style)) context.print(line);
      return 0;
    });
  },
};

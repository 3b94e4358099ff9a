import type { AccountSnapshot, Contact } from '@simplekit/account';
import { runEdit, withSession } from '../account/lazy.js';
import { ACCOUNT_OPTIONS, LOCAL_OPTION } from '../account/options.js';
import { contactUriOf, findContact, findGroup, requireGroup } from '../contacts/resolve.js';
import { type CommandContext, type CommandSpec, flagOption, stringOption, stringsOption } from '../frame/command.js';
import { CliUsageError } from '../frame/errors.js';
import type { Style } from '../frame/style.js';
import { availabilityLabel } from '../render/availability.js';

function switches(contact: Contact, style: Style): string {
  const sub = contact.presence.subscribe ? style.green('subscribe') : style.dim('no-subscribe');
  const allow =
    contact.presence.policy === 'allow'
      ? style.green('allow')
      : contact.presence.policy === 'block'
        ? style.red('block')
        : style.dim('default');
  return `${sub} ${allow}`;
}

function contactJson(snapshot: AccountSnapshot, c: Contact): Record<string, unknown> {
  return {
    id: c.id,
    name: c.name,
    uris: c.uris.map((u) => ({ ...u, default: u.id === c.defaultUri })),
    groups: snapshot.groups.filter((g) => c.groupIds.includes(g.id)).map((g) => g.name),
    subscribe: c.presence.subscribe,
    policy: c.presence.policy,
    availability: c.live.availability,
    notes: c.live.notes,
    pending: c.live.pending,
  };
}

function contactLines(c: Contact, style: Style, indent: string): string[] {
  const presence = c.live.byUri.length > 0 ? `  ${availabilityLabel(c.live.availability, style)}` : '';
  const lines = [
    `${indent}${style.bold(c.name || '(no name)')}  ${switches(c, style)}${presence}  ${style.dim(`#${c.id}`)}`,
  ];
  for (const u of c.uris)
    lines.push(`${indent}  ${u.id === c.defaultUri ? '*' : ' '} ${u.uri}${u.type ? style.dim(` (${u.type})`) : ''}`);
  return lines;
}

/** The address book by group, then the contacts in no group. */
export function addressBookLines(snapshot: AccountSnapshot, style: Style): string[] {
  const lines: string[] = [];
  const byId = new Map(snapshot.contacts.map((c) => [c.id, c]));
  const grouped = new Set<string>();
  for (const g of snapshot.groups) {
    lines.push(`${style.bold(g.name)} ${style.dim(`#${g.id}`)}`);
    for (const id of g.contactIds) {
      const c = byId.get(id);
      if (c === undefined) continue;
      grouped.add(id);
      lines.push(...contactLines(c, style, '  '));
    }
  }
  const loose = snapshot.contacts.filter((c) => !grouped.has(c.id));
  if (loose.length > 0 && snapshot.groups.length > 0) lines.push(style.bold('(no group)'));
  for (const c of loose) lines.push(...contactLines(c, style, snapshot.groups.length > 0 ? '  ' : ''));
  if (snapshot.contacts.length === 0) lines.push(style.dim('no contacts: simplekit contacts add <uri>'));
  return lines;
}

function printBook(context: CommandContext, snapshot: AccountSnapshot): void {
  if (context.json) {
    context.printJson({
      account: snapshot.address,
      groups: snapshot.groups.map((g) => ({ id: g.id, name: g.name, contactIds: g.contactIds })),
      contacts: snapshot.contacts.map((c) => contactJson(snapshot, c)),
      policies: snapshot.policies,
    });
  } else for (const line of addressBookLines(snapshot, context.style)) context.print(line);
}

/**
 * Reading the address book goes online by default: before `start()` the engine shows only the edits of its journal,
 * not its cached copy of the server's documents.
 */
const CACHED_OPTION = {
  cached: { type: 'boolean', description: 'do not go online: show the local copy only' },
} as const;

const list: CommandSpec = {
  path: ['contacts', 'list'],
  summary: 'List the address book (fetched from the server; --cached for the local copy)',
  json: true,
  options: { ...ACCOUNT_OPTIONS, ...CACHED_OPTION },
  async run(context) {
    const online = !flagOption(context, 'cached');
    return withSession(context, 'contacts list', { online, sip: false }, async (session) => {
      if (online) await context.progress.run('fetching', () => session.account.settled());
      printBook(context, session.snapshot());
      return 0;
    });
  },
};

const SWITCH_OPTIONS = {
  subscribe: { type: 'boolean', description: "subscribe to this contact's presence" },
  'no-subscribe': { type: 'boolean', description: "do not subscribe to this contact's presence" },
  allow: { type: 'boolean', description: 'allow this contact to see my presence' },
  'no-allow': { type: 'boolean', description: 'do not allow this contact to see my presence' },
} as const;

function switchOf(context: CommandContext, name: 'subscribe' | 'allow', command: string): boolean | undefined {
  const on = flagOption(context, name);
  const off = flagOption(context, `no-${name}`);
  if (on && off) throw new CliUsageError(`--${name} and --no-${name} together`, command);
  return on ? true : off ? false : undefined;
}

const add: CommandSpec = {
  path: ['contacts', 'add'],
  summary: 'Add a contact with one or more SIP, tel or XMPP addresses',
  args: '<uri>…',
  json: true,
  positionals: { min: 1, max: 8 },
  options: {
    ...ACCOUNT_OPTIONS,
    ...LOCAL_OPTION,
    ...SWITCH_OPTIONS,
    name: { type: 'string', short: 'n', valueName: 'name', description: 'display name (default: the first address)' },
    group: {
      type: 'string',
      short: 'g',
      multiple: true,
      valueName: 'group',
      description: 'put in this group (created if needed)',
    },
  },
  examples: [
    'simplekit contacts add sip:bob@example.com --name Bob --group Work',
    'simplekit contacts add xmpp:carol@jabber.org tel:+31201234567 --no-allow',
  ],
  async run(context) {
    const uris = context.positionals.map(contactUriOf);
    const subscribe = switchOf(context, 'subscribe', 'contacts add');
    const allow = switchOf(context, 'allow', 'contacts add');
    const id = await runEdit(context, 'contacts add', async (account, session) => {
      const groupIds: string[] = [];
      for (const name of stringsOption(context, 'group')) {
        groupIds.push(findGroup(session.snapshot(), name)?.id ?? (await account.addGroup(name)));
      }
      return account.addContact({
        name: stringOption(context, 'name') ?? uris[0]?.uri.replace(/^\w+:/, '') ?? '',
        uris,
        ...(subscribe === undefined ? {} : { subscribe }),
        ...(allow === undefined ? {} : { allow }),
        groupIds,
      });
    });
    if (context.json) context.printJson({ id });
    else context.print(`added contact ${context.style.bold(id)}`);
    return 0;
  },
};

const edit: CommandSpec = {
  path: ['contacts', 'edit'],
  summary: 'Change a contact: name, presence switches, addresses',
  args: '<contact>',
  positionals: { min: 1, max: 1 },
  options: {
    ...ACCOUNT_OPTIONS,
    ...LOCAL_OPTION,
    ...SWITCH_OPTIONS,
    name: { type: 'string', short: 'n', valueName: 'name', description: 'new display name' },
    'add-uri': { type: 'string', multiple: true, valueName: 'uri', description: 'add an address' },
    'remove-uri': { type: 'string', multiple: true, valueName: 'uri', description: 'remove an address' },
    'default-uri': { type: 'string', valueName: 'uri', description: 'make this address the default one' },
  },
  examples: [
    'simplekit contacts edit Bob --no-subscribe',
    'simplekit contacts edit bob@example.com --add-uri xmpp:bob@jabber.org',
  ],
  async run(context) {
    const subscribe = switchOf(context, 'subscribe', 'contacts edit');
    const allow = switchOf(context, 'allow', 'contacts edit');
    const added = stringsOption(context, 'add-uri').map(contactUriOf);
    await runEdit(context, 'contacts edit', async (account, session) => {
      const contact = findContact(session.snapshot(), context.positionals[0] ?? '');
      for (const uri of added) await account.addContactUri(contact.id, uri);
      for (const wanted of stringsOption(context, 'remove-uri')) {
        const target = contactUriOf(wanted).uri.toLowerCase();
        const uri = contact.uris.find((u) => u.uri.toLowerCase() === target);
        if (uri === undefined) throw new CliUsageError(`${contact.name} has no address ${wanted}`, 'contacts edit');
        await account.removeContactUri(contact.id, uri.id);
      }
      const defaultWanted = stringOption(context, 'default-uri');
      let defaultUri: string | undefined;
      if (defaultWanted !== undefined) {
        const target = contactUriOf(defaultWanted).uri.toLowerCase();
        const fresh = findContact(session.snapshot(), contact.id);
        defaultUri = fresh.uris.find((u) => u.uri.toLowerCase() === target)?.id;
        if (defaultUri === undefined)
          throw new CliUsageError(`${contact.name} has no address ${defaultWanted}`, 'contacts edit');
      }
      const name = stringOption(context, 'name');
      if (name !== undefined || subscribe !== undefined || allow !== undefined || defaultUri !== undefined) {
        await account.updateContact(contact.id, {
          ...(name === undefined ? {} : { name }),
          ...(subscribe === undefined ? {} : { subscribe }),
          ...(allow === undefined ? {} : { allow }),
          ...(defaultUri === undefined ? {} : { defaultUri }),
        });
      }
    });
    context.print('contact changed');
    return 0;
  },
};

const remove: CommandSpec = {
  path: ['contacts', 'remove'],
  summary: 'Remove a contact',
  args: '<contact>',
  positionals: { min: 1, max: 1 },
  options: { ...ACCOUNT_OPTIONS, ...LOCAL_OPTION },
  async run(context) {
    await runEdit(context, 'contacts remove', async (account, session) => {
      await account.removeContact(findContact(session.snapshot(), context.positionals[0] ?? '').id);
    });
    context.print('contact removed');
    return 0;
  },
};

const groupList: CommandSpec = {
  path: ['contacts', 'group', 'list'],
  summary: 'List the groups',
  json: true,
  options: { ...ACCOUNT_OPTIONS, ...CACHED_OPTION },
  async run(context) {
    const online = !flagOption(context, 'cached');
    return withSession(context, 'contacts group list', { online, sip: false }, async (session) => {
      if (online) await context.progress.run('fetching', () => session.account.settled());
      const groups = session.snapshot().groups;
      if (context.json) context.printJson(groups.map((g) => ({ id: g.id, name: g.name, contactIds: g.contactIds })));
      else
        for (const g of groups)
          context.print(
            `${context.style.bold(g.name)}  ${g.contactIds.length} contact(s)  ${context.style.dim(`#${g.id}`)}`,
          );
      return 0;
    });
  },
};

const groupAdd: CommandSpec = {
  path: ['contacts', 'group', 'add'],
  summary: 'Create a group',
  args: '<name>',
  json: true,
  positionals: { min: 1, max: 1 },
  options: { ...ACCOUNT_OPTIONS, ...LOCAL_OPTION },
  async run(context) {
    const id = await runEdit(context, 'contacts group add', (account) =>
      account.addGroup(context.positionals[0] ?? ''),
    );
    if (context.json) context.printJson({ id });
    else context.print(`added group ${context.style.bold(id)}`);
    return 0;
  },
};

const groupRename: CommandSpec = {
  path: ['contacts', 'group', 'rename'],
  summary: 'Rename a group',
  args: '<group> <name>',
  positionals: { min: 2, max: 2 },
  options: { ...ACCOUNT_OPTIONS, ...LOCAL_OPTION },
  async run(context) {
    await runEdit(context, 'contacts group rename', async (account, session) => {
      await account.renameGroup(
        requireGroup(session.snapshot(), context.positionals[0] ?? '').id,
        context.positionals[1] ?? '',
      );
    });
    context.print('group renamed');
    return 0;
  },
};

const groupRemove: CommandSpec = {
  path: ['contacts', 'group', 'remove'],
  summary: 'Remove a group (its contacts stay)',
  args: '<group>',
  positionals: { min: 1, max: 1 },
  options: { ...ACCOUNT_OPTIONS, ...LOCAL_OPTION },
  async run(context) {
    await runEdit(context, 'contacts group remove', async (account, session) => {
      await account.removeGroup(requireGroup(session.snapshot(), context.positionals[0] ?? '').id);
    });
    context.print('group removed');
    return 0;
  },
};

function memberCommand(verb: 'put' | 'take'): CommandSpec {
  return {
    path: ['contacts', 'group', verb],
    summary: verb === 'put' ? 'Put a contact into a group' : 'Take a contact out of a group',
    args: '<group> <contact>',
    positionals: { min: 2, max: 2 },
    options: { ...ACCOUNT_OPTIONS, ...LOCAL_OPTION },
    async run(context) {
      await runEdit(context, `contacts group ${verb}`, async (account, session) => {
        const group = requireGroup(session.snapshot(), context.positionals[0] ?? '');
        const contact = findContact(session.snapshot(), context.positionals[1] ?? '');
        if (verb === 'put') await account.addToGroup(group.id, contact.id);
        else await account.removeFromGroup(group.id, contact.id);
      });
      context.print(verb === 'put' ? 'contact added to the group' : 'contact taken out of the group');
      return 0;
    },
  };
}

export const contactsCommands: readonly CommandSpec[] = [
  list,
  add,
  edit,
  remove,
  groupList,
  groupAdd,
  groupRename,
  groupRemove,
  memberCommand('put'),
  memberCommand('take'),
];

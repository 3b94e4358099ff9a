import type { AccountSnapshot, Contact, Health, Watcher } from '@simplekit/account';
import type { Style } from '../frame/style.js';
import { availabilityLabel } from './availability.js';

function watcherLabel(w: Watcher): string {
  return w.displayName === undefined ? w.uri : `${w.displayName} <${w.uri}>`;
}

function healthWord(name: string, h: Health, style: Style): string | undefined {
  if (h.state === 'ok' || h.state === 'idle') return undefined;
  const reason = h.reason === undefined ? '' : `: ${h.reason}`;
  const text = `${name} ${h.state}${reason}`;
  return h.state === 'failed' ? style.red(text) : style.dim(text);
}

/** One line per problem with the account's connection, registration, publication, lists and storage. */
export function healthLines(snapshot: AccountSnapshot, style: Style): string[] {
  const h = snapshot.health;
  const parts = [
    healthWord('connection', h.connection, style),
    healthWord('registration', h.registration, style),
    healthWord('publication', h.publication, style),
    healthWord('presence list', h.presenceList, style),
    healthWord('watchers', h.watcherInfo, style),
    healthWord('storage', h.storage, style),
  ].filter((p): p is string => p !== undefined);
  if (h.storage.pendingEdits > 0) parts.push(style.dim(`${h.storage.pendingEdits} edit(s) waiting to be stored`));
  return parts;
}

/** A contact's tile as one line: status, name, first note, how many devices, whether it waits for authorisation. */
export function contactLine(contact: Contact, style: Style): string {
  const live = contact.live;
  const status = contact.presence.subscribe
    ? live.pending
      ? style.yellow('… waiting for authorisation')
      : availabilityLabel(live.availability, style)
    : style.dim('○ not subscribed');
  const note = live.notes[0] === undefined ? '' : `  ${style.dim('“')}${live.notes[0]}${style.dim('”')}`;
  const devices = live.devices.length > 1 ? style.dim(`  (${live.devices.length} devices)`) : '';
  const icon = live.icon === undefined ? '' : style.dim('  [icon]');
  const uri = contact.uris.find((u) => u.id === contact.defaultUri) ?? contact.uris[0];
  return `${status}  ${style.bold(contact.name || uri?.uri || contact.id)}${uri && contact.name ? style.dim(`  ${uri.uri}`) : ''}${note}${devices}${icon}`;
}

/** A contact in the live view: its tile line, then the devices it is online with (what each one publishes). */
function contactBlock(contact: Contact, style: Style): string[] {
  const devices = contact.live.devices.map((d) => {
    const what = d.description ?? d.userAgent ?? d.id;
    return `${what}${d.availability === contact.live.availability ? '' : ` ${d.availability}`}${d.idle ? ' idle' : ''}`;
  });
  const lines = [`  ${contactLine(contact, style)}`];
  if (devices.length > 0) lines.push(style.dim(`      on ${devices.join(', ')}`));
  return lines;
}

/**
 * The contact list as the desktop app shows it: New Contact Requests on top, then each group, the contacts in no
 * group, the people watching my presence, and Blocked at the bottom.
 */
export function rosterLines(snapshot: AccountSnapshot, style: Style): string[] {
  const own = snapshot.own;
  const lines = [
    `${style.bold(snapshot.address)}  ${availabilityLabel(own.status, style)}${own.note ? `  “${own.note}”` : ''}`,
  ];
  const health = healthLines(snapshot, style);
  if (health.length > 0) lines.push(`  ${health.join(style.dim(' · '))}`);
  if (snapshot.newContactRequests.length > 0) {
    lines.push('', style.yellow(style.bold(`New Contact Requests (${snapshot.newContactRequests.length})`)));
    for (const w of snapshot.newContactRequests)
      lines.push(`  ${watcherLabel(w)}  ${style.dim('allow or deny: simplekit watchers allow|deny <uri>')}`);
  }
  const byId = new Map(snapshot.contacts.map((c) => [c.id, c]));
  const grouped = new Set<string>();
  for (const group of snapshot.groups) {
    lines.push('', style.bold(group.name));
    const members = group.contactIds.map((id) => byId.get(id)).filter((c): c is Contact => c !== undefined);
    if (members.length === 0) lines.push(style.dim('  (empty)'));
    for (const c of members) {
      grouped.add(c.id);
      lines.push(...contactBlock(c, style));
    }
  }
  const loose = snapshot.contacts.filter((c) => !grouped.has(c.id));
  if (loose.length > 0) {
    lines.push('', style.bold(snapshot.groups.length > 0 ? 'Other contacts' : 'Contacts'));
    for (const c of loose) lines.push(...contactBlock(c, style));
  }
  if (snapshot.contacts.length === 0 && snapshot.groups.length === 0)
    lines.push('', style.dim('no contacts yet: simplekit contacts add <uri>'));
  if (snapshot.watching.length > 0) {
    lines.push('', style.bold('People watching my presence'));
    for (const w of snapshot.watching) lines.push(`  ${watcherLabel(w)}`);
  }
  if (snapshot.blocked.length > 0) {
    lines.push('', style.red(style.bold('Blocked')));
    for (const b of snapshot.blocked) lines.push(`  ${b.name ? `${b.name} <${b.uri}>` : b.uri}`);
  }
  return lines;
}

/** The contact list as JSON: the same sections, with the engine's values. */
export function rosterJson(snapshot: AccountSnapshot): Record<string, unknown> {
  return {
    account: snapshot.address,
    own: { status: snapshot.own.status, note: snapshot.own.note },
    health: snapshot.health,
    newContactRequests: snapshot.newContactRequests,
    groups: snapshot.groups,
    contacts: snapshot.contacts.map((c) => ({
      id: c.id,
      name: c.name,
      uris: c.uris,
      groupIds: c.groupIds,
      presence: c.presence,
      availability: c.live.availability,
      notes: c.live.notes,
      pending: c.live.pending,
      devices: c.live.devices,
      ...(c.live.icon === undefined ? {} : { icon: c.live.icon }),
    })),
    watching: snapshot.watching,
    blocked: snapshot.blocked,
  };
}

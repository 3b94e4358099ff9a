import type { AccountSnapshot, Contact, PresenceView } from '@simplekit/account';
import { parsePresence } from '@simplekit/pidf';
import { renderPresence } from '../decode/presence.js';
import { describeError } from '../frame/errors.js';
import type { Style } from '../frame/style.js';
import { availabilityLabel } from './availability.js';

function viewLines(view: PresenceView, style: Style, full: boolean): string[] {
  const reason = view.terminationReason === undefined ? '' : ` (${view.terminationReason})`;
  const lines = [
    `${style.bold(view.uri)}  subscription ${view.subscription}${reason}  ${availabilityLabel(view.availability, style)}`,
  ];
  if (view.status !== undefined) lines.push(`  extended status: ${view.status}`);
  if (view.displayName !== undefined) lines.push(`  name: ${view.displayName}`);
  for (const note of view.notes) lines.push(`  note: ${note}`);
  if (view.homepage !== undefined) lines.push(`  homepage: ${view.homepage}`);
  if (view.location !== undefined) lines.push(`  location: ${view.location}`);
  if (view.icon !== undefined) lines.push(`  icon: ${view.icon}`);
  for (const d of view.devices) {
    const what = [d.description, d.userAgent].filter((s) => s !== undefined).join(', ');
    lines.push(
      `  device ${d.id}: ${availabilityLabel(d.availability, style)}${what ? ` (${what})` : ''}${d.idle ? ' idle' : ''}`,
    );
    if (d.contact !== undefined) lines.push(`    reach this device at ${d.contact}`);
    if (d.timeOffsetMinutes !== undefined) lines.push(`    time offset: ${d.timeOffsetMinutes} min`);
  }
  lines.push(style.dim(`  updated ${new Date(view.updatedAt).toISOString()}`));
  if (full) {
    view.documents.forEach((doc, i) => {
      lines.push(style.dim(`  PIDF document ${i + 1} of ${view.documents.length}:`));
      try {
        lines.push(...renderPresence(parsePresence(doc), style).map((l) => `    ${l}`));
      } catch (error) {
        lines.push(style.red(`    ${describeError(error)}`));
      }
    });
  }
  return lines;
}

/** The presence information panel: the contact, its switches, and everything received for each of its URIs. */
export function contactInfoLines(snapshot: AccountSnapshot, contact: Contact, style: Style): string[] {
  const groups = snapshot.groups.filter((g) => contact.groupIds.includes(g.id)).map((g) => g.name);
  const lines = [
    `${style.bold(contact.name || contact.id)}  ${availabilityLabel(contact.live.availability, style)}${contact.live.pending ? style.yellow('  (waiting for authorisation)') : ''}`,
    `  id: ${contact.id}`,
    `  groups: ${groups.length === 0 ? '-' : groups.join(', ')}`,
    `  subscribe: ${contact.presence.subscribe ? 'yes' : 'no'}   allow: ${contact.presence.policy}`,
  ];
  for (const u of contact.uris) {
    lines.push(`  ${u.id === contact.defaultUri ? '*' : ' '} ${u.uri}${u.type ? ` (${u.type})` : ''}`);
  }
  const attributes = Object.entries(contact.attributes);
  if (attributes.length > 0) lines.push(`  attributes: ${attributes.map(([k, v]) => `${k}=${v ?? 'nil'}`).join(', ')}`);
  if (contact.live.byUri.length === 0) lines.push('', style.dim('nothing received for this contact yet'));
  for (const view of contact.live.byUri) lines.push('', ...viewLines(view, style, true));
  return lines;
}

export function contactInfoJson(snapshot: AccountSnapshot, contact: Contact): Record<string, unknown> {
  return {
    contact: { ...contact, groups: snapshot.groups.filter((g) => contact.groupIds.includes(g.id)).map((g) => g.name) },
  };
}

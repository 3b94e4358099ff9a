import {
  type PresenceDocument,
  type PresenceSummary,
  parsePresence,
  parseWatcherInfo,
  summarize,
  type WatcherInfoDocument,
} from '@simplekit/pidf';
import type { Style } from '../frame/style.js';
import { availabilityLabel } from '../render/availability.js';
import type { Decoded } from './decoded.js';
import { outline } from './outline.js';

/** The lines a contact's presence summary shows: status, notes, personal fields, devices. */
export function renderSummary(summary: PresenceSummary, style: Style): string[] {
  const lines = [`${style.bold(summary.entity)}  ${availabilityLabel(summary.availability, style)}`];
  if (summary.displayName !== undefined) lines.push(`  name: ${summary.displayName}`);
  for (const note of summary.notes) lines.push(`  note: ${note}`);
  if (summary.homepage !== undefined) lines.push(`  homepage: ${summary.homepage}`);
  if (summary.location !== undefined) lines.push(`  location: ${summary.location}`);
  if (summary.iconUrl !== undefined) lines.push(`  icon: ${summary.iconUrl}`);
  for (const device of summary.devices) {
    const what = [device.description, device.userAgent].filter((s) => s !== undefined).join(', ');
    lines.push(`  device ${device.id}: ${availabilityLabel(device.availability, style)}${what ? ` (${what})` : ''}`);
    if (device.contact !== undefined) lines.push(`    contact: ${device.contact}${device.gruu ? ' (GRUU)' : ''}`);
    if (device.idle) lines.push('    idle');
    if (device.timeOffset !== undefined) lines.push(`    time offset: ${device.timeOffset} min`);
    if (device.capabilities.length > 0) lines.push(`    capabilities: ${device.capabilities.join(', ')}`);
    if (device.timestamp !== undefined) lines.push(`    timestamp: ${device.timestamp}`);
  }
  return lines;
}

/** The readable form of a parsed PIDF document: its summary, then everything it says. */
export function renderPresence(document: PresenceDocument, style: Style): string[] {
  return [...renderSummary(summarize(document), style), style.dim('  document:'), ...outline(document, style, '    ')];
}

export function decodePidf(bytes: Uint8Array): Decoded {
  const document = parsePresence(bytes);
  const summary = summarize(document);
  return {
    kind: 'pidf',
    json: { summary, document },
    render: (style) => [style.dim('PIDF presence document (RFC 3863)'), ...renderPresence(document, style)],
  };
}

function renderWatcherInfo(document: WatcherInfoDocument, style: Style): string[] {
  const lines = [
    style.dim('watcherinfo document (RFC 3857, RFC 3858)'),
    `version ${document.version}, ${document.state} state`,
  ];
  for (const list of document.lists) {
    lines.push(`${style.bold(list.resource)}  package ${list.package}, ${list.watchers.length} watcher(s)`);
    for (const w of list.watchers) {
      const status =
        w.status === 'active'
          ? style.green(w.status)
          : w.status === 'pending'
            ? style.yellow(w.status)
            : style.dim(w.status);
      const name = w.displayName === undefined ? '' : ` "${w.displayName}"`;
      lines.push(`  ${w.uri}${name}  ${status} (${w.event})${style.dim(`  id ${w.id}`)}`);
    }
  }
  return lines;
}

export function decodeWatcherInfo(bytes: Uint8Array): Decoded {
  const document = parseWatcherInfo(bytes);
  return { kind: 'watcherinfo', json: { document }, render: (style) => renderWatcherInfo(document, style) };
}

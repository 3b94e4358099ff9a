import { type PresenceDocument, parsePresence, summarize } from '@simplekit/pidf';
import {
  decodeRlsNotification,
  type MediaType,
  type NotifiedInstance,
  parseRlmi,
  type RlmiList,
  type RlsNotification,
} from '@simplekit/rls';
import { describeError } from '../frame/errors.js';
import type { Style } from '../frame/style.js';
import type { Decoded } from './decoded.js';
import { renderSummary } from './presence.js';

type PresenceNotification = RlsNotification<PresenceDocument>;

function names(list: { readonly names: readonly { readonly value: string }[] }): string {
  const first = list.names[0];
  return first === undefined ? '' : ` "${first.value}"`;
}

function stateLabel(state: string, style: Style): string {
  return state === 'active' ? style.green(state) : state === 'pending' ? style.yellow(state) : style.red(state);
}

function renderRlmi(list: RlmiList, style: Style): string[] {
  const lines = [
    `${style.bold(list.uri)}${names(list)}  version ${list.version}, ${list.fullState ? 'full' : 'partial'} state`,
  ];
  for (const resource of list.resources) {
    lines.push(
      `  ${resource.uri}${names(resource)}${resource.instances.length === 0 ? style.dim('  (no instance)') : ''}`,
    );
    for (const instance of resource.instances) {
      const reason = instance.reason === undefined ? '' : ` (${instance.reason})`;
      const cid = instance.cid === undefined ? '' : style.dim(`  cid ${instance.cid}`);
      lines.push(`    instance ${instance.id}: ${stateLabel(instance.state, style)}${reason}${cid}`);
    }
  }
  for (const defect of list.defects) lines.push(style.yellow(`  defect: ${defect.message}`));
  return lines;
}

export function decodeRlmi(bytes: Uint8Array): Decoded {
  const list = parseRlmi(bytes);
  return {
    kind: 'rlmi',
    json: { list },
    render: (style) => [style.dim('RLMI document (RFC 4662 §5.2)'), ...renderRlmi(list, style)],
  };
}

function instanceLines(instance: NotifiedInstance<PresenceDocument>, style: Style, depth: number): string[] {
  const reason = instance.reason === undefined ? '' : ` (${instance.reason})`;
  const lines = [`instance ${instance.id}: ${stateLabel(instance.state, style)}${reason}`];
  if (instance.problem !== undefined) lines.push(style.red(`  problem: ${describeError(instance.problem)}`));
  const content = instance.content;
  if (content === undefined) return lines;
  if (content.kind === 'list') {
    lines.push(...notificationLines(content.notification, style, depth + 1).map((l) => `  ${l}`));
    return lines;
  }
  const result = content.result();
  if (!result.ok) lines.push(style.red(`  ${content.contentType.essence}: ${describeError(result.error)}`));
  else lines.push(...renderSummary(summarize(result.value), style).map((l) => `  ${l}`));
  return lines;
}

function notificationLines(notification: PresenceNotification, style: Style, depth: number): string[] {
  const lines = [
    `${style.bold(notification.uri)}${names(notification)}  version ${notification.version}, ${notification.fullState ? 'full' : 'partial'} state, ${notification.resources.length} resource(s)`,
  ];
  for (const resource of notification.resources) {
    lines.push(`  ${resource.uri}${names(resource)}`);
    if (resource.instances.length === 0) lines.push(style.dim('    no instance yet'));
    for (const instance of resource.instances)
      lines.push(...instanceLines(instance, style, depth).map((l) => `    ${l}`));
  }
  for (const problem of notification.problems) {
    if (problem.instanceId === undefined) lines.push(style.yellow(`  problem: ${describeError(problem.error)}`));
  }
  return lines;
}

function instanceJson(instance: NotifiedInstance<PresenceDocument>): Record<string, unknown> {
  const { content, problem, ...rest } = instance;
  const out: Record<string, unknown> = { ...rest };
  if (problem !== undefined) out.problem = { code: problem.code, message: problem.message };
  if (content === undefined) return out;
  if (content.kind === 'list') out.list = notificationJson(content.notification);
  else {
    const result = content.result();
    out.contentType = content.contentType.essence;
    if (result.ok) out.presence = { summary: summarize(result.value), document: result.value };
    else out.problem = { code: result.error.code, message: result.error.message };
  }
  return out;
}

function notificationJson(n: PresenceNotification): Record<string, unknown> {
  return {
    uri: n.uri,
    version: n.version,
    fullState: n.fullState,
    names: n.names,
    resources: n.resources.map((r) => ({ uri: r.uri, names: r.names, instances: r.instances.map(instanceJson) })),
    problems: n.problems.map((p) => ({
      code: p.error.code,
      message: p.error.message,
      ...(p.resourceUri === undefined ? {} : { resourceUri: p.resourceUri }),
      ...(p.instanceId === undefined ? {} : { instanceId: p.instanceId }),
      ...(p.contentId === undefined ? {} : { contentId: p.contentId }),
    })),
  };
}

/** A `multipart/related` RLS notification body (RFC 4662 §5): the RLMI list with each instance's PIDF. */
export function decodeRlsBody(bytes: Uint8Array, contentType: MediaType): Decoded {
  const notification = decodeRlsNotification<PresenceDocument>(bytes, contentType, {
    decoders: { 'application/pidf+xml': (body) => parsePresence(body) },
  });
  return {
    kind: 'rls-notification',
    json: { notification: notificationJson(notification) },
    render: (style) => [
      style.dim(`RLS notification, ${contentType.essence} with RLMI root (RFC 4662 §5)`),
      ...notificationLines(notification, style, 1),
    ],
  };
}

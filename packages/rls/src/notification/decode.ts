import { InstanceBodyError, RlsError } from '../errors.js';
import { type MediaType, parseMediaType } from '../multipart/media-type.js';
import { parseMultipart } from '../multipart/parse.js';
import type { BodyPart, MultipartLimits } from '../multipart/types.js';
import { parseRlmi } from '../rlmi/parse.js';
import { RLMI_CONTENT_TYPE } from '../rlmi/types.js';
import { type BodyDecoders, InstanceBody } from './body.js';
import type { InstanceContent, NotifiedInstance, NotifiedResource, RlsNotification, RlsProblem } from './types.js';

export interface DecodeNotificationOptions<T> {
  /** Body decoders by media type essence, e.g. `{ 'application/pidf+xml': parsePresence }`. */
  readonly decoders: BodyDecoders<T>;
  readonly limits?: MultipartLimits & {
    /** Deepest nesting of lists inside lists. Default 4. */
    readonly maxListDepth?: number;
  };
}

/**
 * Decodes the body of a NOTIFY from a Resource List Server (RFC 4662 §5): a `multipart/related` whose root is
 * RLMI, with one part per resource instance that has state. Bodies are not decoded here; each instance carries an
 * `InstanceBody` that decodes on first use.
 *
 * Throws `RlsError` when the notification as a whole is unusable: bad Content-Type, broken framing, no RLMI root,
 * malformed RLMI. A part that is missing or unusable only affects its instance and is listed in `problems`, as are
 * parts that no instance references.
 */
export function decodeRlsNotification<T>(
  body: Uint8Array,
  contentType: string | MediaType,
  options: DecodeNotificationOptions<T>,
): RlsNotification<T> {
  const type = typeof contentType === 'string' ? parseMediaType(contentType) : contentType;
  if (type.essence !== 'multipart/related') {
    throw new RlsError('RLS_BAD_CONTENT_TYPE', `an RLS notification is multipart/related, not ${type.essence}`);
  }
  return decodeList(body, type, options, 1);
}

function decodeList<T>(
  body: Uint8Array,
  type: MediaType,
  options: DecodeNotificationOptions<T>,
  depth: number,
): RlsNotification<T> {
  const multipart = parseMultipart(body, type, options.limits);
  const root = multipart.root;
  // RFC 4662 §5.1: the root of the multipart/related is the RLMI document.
  if (root.contentType.essence !== RLMI_CONTENT_TYPE) {
    throw new RlsError('RLS_ROOT_MISSING', `the root part is ${root.contentType.essence}, not ${RLMI_CONTENT_TYPE}`);
  }
  if (root.problem !== undefined) throw root.problem;
  const rlmi = parseRlmi(root.body);
  const problems: RlsProblem[] = [];
  for (const defect of rlmi.defects) {
    problems.push({
      error: new RlsError('RLS_RLMI_MALFORMED', defect.message),
      ...(defect.resourceUri === undefined ? {} : { resourceUri: defect.resourceUri }),
      ...(defect.instanceId === undefined ? {} : { instanceId: defect.instanceId }),
    });
  }
  const byId = new Map<string, BodyPart>();
  for (const part of multipart.parts) {
    if (part !== root && part.contentId !== undefined && !byId.has(part.contentId)) byId.set(part.contentId, part);
  }
  const used = new Set<BodyPart>([root]);
  const resources: NotifiedResource<T>[] = [];
  for (const resource of rlmi.resources) {
    const instances: NotifiedInstance<T>[] = [];
    for (const instance of resource.instances) {
      const base = {
        id: instance.id,
        state: instance.state,
        ...(instance.reason === undefined ? {} : { reason: instance.reason }),
        ...(instance.cid === undefined ? {} : { cid: instance.cid }),
      };
      if (instance.cid === undefined) {
        instances.push(base);
        continue;
      }
      const part = byId.get(instance.cid);
      let problem: RlsError | undefined;
      let content: InstanceContent<T> | undefined;
      if (part === undefined) {
        problem = new InstanceBodyError('RLS_CID_MISSING', `no part has Content-ID <${instance.cid}>`);
      } else {
        used.add(part);
        try {
          content = partContent(part, options, depth);
        } catch (error) {
          if (!(error instanceof RlsError)) throw error;
          problem = error;
        }
      }
      if (problem !== undefined) {
        problems.push({ error: problem, resourceUri: resource.uri, instanceId: instance.id, contentId: instance.cid });
        instances.push({ ...base, problem });
      } else {
        instances.push(content === undefined ? base : { ...base, content });
      }
    }
    resources.push({ uri: resource.uri, names: resource.names, instances });
  }
  for (const part of multipart.parts) {
    if (used.has(part)) continue;
    // RFC 4662 §5.1: every other part belongs to an instance; a stray part is reported and otherwise ignored.
    const label = part.contentId === undefined ? 'a part without Content-ID' : `part <${part.contentId}>`;
    problems.push({
      error: new RlsError('RLS_EXTRA_PART', `${label} is not referenced by the RLMI document`),
      ...(part.contentId === undefined ? {} : { contentId: part.contentId }),
    });
  }
  return {
    uri: rlmi.uri,
    version: rlmi.version,
    fullState: rlmi.fullState,
    names: rlmi.names,
    resources,
    problems,
    rlmi,
    contentType: type,
  };
}

function partContent<T>(part: BodyPart, options: DecodeNotificationOptions<T>, depth: number): InstanceContent<T> {
  if (part.problem !== undefined) throw part.problem;
  // RFC 4662 §5.2, example in §6: a resource that is itself a list carries a multipart/related with its own RLMI root.
  if (part.contentType.essence === 'multipart/related') {
    const maxDepth = options.limits?.maxListDepth ?? 4;
    if (depth >= maxDepth) throw new RlsError('RLS_LIMIT_EXCEEDED', `lists nested deeper than ${maxDepth}`);
    return { kind: 'list', notification: decodeList(part.body, part.contentType, options, depth + 1) };
  }
  return new InstanceBody(part, options.decoders[part.contentType.essence]);
}

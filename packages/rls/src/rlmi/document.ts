import { RlmiError } from '../errors.js';
import {
  type InstanceStatus,
  RLMI_NAMESPACE,
  type RlmiDefect,
  type RlmiInstance,
  type RlmiList,
  type RlmiName,
  type RlmiResource,
} from './types.js';
import { type RlmiXmlElement, XML_NAMESPACE } from './xml-shape.js';

function attribute(element: RlmiXmlElement, local: string, ns: string | null = null): string | undefined {
  for (const attr of element.attributes) if (attr.local === local && attr.ns === ns) return attr.value;
  return undefined;
}

function* rlmiChildren(element: RlmiXmlElement, local: string): Generator<RlmiXmlElement> {
  for (const child of element.children) {
    if (child.type === 'element' && child.name.local === local && child.name.ns === RLMI_NAMESPACE) yield child;
  }
}

function text(element: RlmiXmlElement): string {
  let out = '';
  for (const child of element.children) {
    if (child.type === 'text') out += child.value;
    else if (child.type === 'element') out += text(child);
  }
  return out;
}

function names(element: RlmiXmlElement): RlmiName[] {
  const out: RlmiName[] = [];
  for (const name of rlmiChildren(element, 'name')) {
    const lang = attribute(name, 'lang', XML_NAMESPACE);
    out.push(lang === undefined ? { value: text(name).trim() } : { value: text(name).trim(), lang });
  }
  return out;
}

/** RFC 2392: a `cid:` URL is the percent-encoded Content-ID; servers also write the bare id or `<id>`. */
export function normaliseCid(value: string): string {
  let id = value.trim();
  if (id.toLowerCase().startsWith('cid:')) {
    id = id.slice(4);
    try {
      id = decodeURIComponent(id);
    } catch {
      // Not valid percent-encoding: keep the text as written, it may still match a Content-ID literally.
    }
  }
  if (id.startsWith('<') && id.endsWith('>')) id = id.slice(1, -1).trim();
  return id;
}

// XML Schema §3.2.2 boolean.
function parseBoolean(value: string | undefined): boolean | undefined {
  switch (value?.trim()) {
    case 'true':
    case '1':
      return true;
    case 'false':
    case '0':
      return false;
    default:
      return undefined;
  }
}

const STATES: ReadonlySet<string> = new Set<InstanceStatus>(['active', 'pending', 'terminated']);

function readInstance(element: RlmiXmlElement, uri: string, defects: RlmiDefect[]): RlmiInstance | undefined {
  const id = attribute(element, 'id');
  const state = attribute(element, 'state')?.trim();
  if (id === undefined || id === '') {
    defects.push({ message: 'instance without id', resourceUri: uri });
    return undefined;
  }
  if (state === undefined || !STATES.has(state)) {
    defects.push({
      message: `instance state ${JSON.stringify(state ?? '')} is not valid`,
      resourceUri: uri,
      instanceId: id,
    });
    return undefined;
  }
  const reason = attribute(element, 'reason')?.trim();
  const cid = attribute(element, 'cid');
  return {
    id,
    state: state as InstanceStatus,
    ...(reason ? { reason } : {}),
    ...(cid !== undefined && cid.trim() !== '' ? { cid: normaliseCid(cid) } : {}),
  };
}

function readResource(element: RlmiXmlElement, defects: RlmiDefect[]): RlmiResource | undefined {
  const uri = attribute(element, 'uri')?.trim();
  if (uri === undefined || uri === '') {
    defects.push({ message: 'resource without uri' });
    return undefined;
  }
  const instances: RlmiInstance[] = [];
  const seen = new Set<string>();
  for (const child of rlmiChildren(element, 'instance')) {
    const instance = readInstance(child, uri, defects);
    if (instance === undefined) continue;
    if (seen.has(instance.id)) {
      defects.push({ message: 'instance id repeated', resourceUri: uri, instanceId: instance.id });
      continue;
    }
    seen.add(instance.id);
    instances.push(instance);
  }
  return { uri, names: names(element), instances };
}

/**
 * Reads an RLMI document (RFC 4662 §5.2) from an element tree. Namespaces are compared by URI, so any prefix or a
 * default namespace works. Unknown elements and attributes (extensions) are ignored.
 *
 * Throws `RlmiError` when the root is not an RLMI `<list>` or lacks `uri`, `version` or `fullState`; a resource or
 * instance that breaks the schema is left out and listed in `defects` instead, so one bad entry costs one entry.
 */
export function readRlmiList(root: RlmiXmlElement): RlmiList {
  if (root.name.local !== 'list' || root.name.ns !== RLMI_NAMESPACE) {
    throw new RlmiError(`root element is {${root.name.ns ?? ''}}${root.name.local}, not an RLMI list`);
  }
  const uri = attribute(root, 'uri')?.trim();
  if (uri === undefined || uri === '') throw new RlmiError('list has no uri');
  const versionText = attribute(root, 'version')?.trim() ?? '';
  // RFC 4662 §5.2: version is an unsigned 32-bit counter.
  if (!/^\d{1,10}$/.test(versionText) || Number(versionText) > 0xffffffff) {
    throw new RlmiError(`list version ${JSON.stringify(versionText)} is not an unsigned 32-bit integer`);
  }
  const fullState = parseBoolean(attribute(root, 'fullState'));
  if (fullState === undefined) throw new RlmiError('list fullState is missing or not a boolean');
  const defects: RlmiDefect[] = [];
  const resources: RlmiResource[] = [];
  const seen = new Set<string>();
  for (const child of rlmiChildren(root, 'resource')) {
    const resource = readResource(child, defects);
    if (resource === undefined) continue;
    if (seen.has(resource.uri)) {
      defects.push({ message: 'resource uri repeated', resourceUri: resource.uri });
      continue;
    }
    seen.add(resource.uri);
    resources.push(resource);
  }
  const cid = attribute(root, 'cid');
  return {
    uri,
    version: Number(versionText),
    fullState,
    ...(cid !== undefined && cid.trim() !== '' ? { cid: normaliseCid(cid) } : {}),
    names: names(root),
    resources,
    defects,
  };
}

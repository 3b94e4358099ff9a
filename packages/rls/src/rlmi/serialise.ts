import { RLMI_NAMESPACE, type RlmiInstance, type RlmiName, type RlmiResource } from './types.js';

/** What `serialiseRlmi` writes: an RLMI list without the parser's `defects`. */
export interface RlmiListInput {
  readonly uri: string;
  readonly version: number;
  readonly fullState: boolean;
  readonly cid?: string;
  readonly names?: readonly RlmiName[];
  readonly resources: readonly RlmiResource[];
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function escapeXml(value: string): string {
  return value.replace(/[&<>"]/g, (ch) => ESCAPES[ch] ?? ch);
}

function writeNames(names: readonly RlmiName[], indent: string): string {
  let out = '';
  for (const name of names) {
    const lang = name.lang === undefined ? '' : ` xml:lang="${escapeXml(name.lang)}"`;
    out += `${indent}<name${lang}>${escapeXml(name.value)}</name>\n`;
  }
  return out;
}

function writeInstance(instance: RlmiInstance): string {
  let out = `    <instance id="${escapeXml(instance.id)}" state="${instance.state}"`;
  if (instance.reason !== undefined) out += ` reason="${escapeXml(instance.reason)}"`;
  if (instance.cid !== undefined) out += ` cid="${escapeXml(instance.cid)}"`;
  return `${out}/>\n`;
}

/** Serialises an RLMI document (RFC 4662 §5.2) with the RLMI namespace as the default namespace. */
export function serialiseRlmi(list: RlmiListInput): string {
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n';
  out += `<list xmlns="${RLMI_NAMESPACE}" uri="${escapeXml(list.uri)}" version="${list.version}"`;
  out += ` fullState="${list.fullState}"${list.cid === undefined ? '' : ` cid="${escapeXml(list.cid)}"`}>\n`;
  out += writeNames(list.names ?? [], '  ');
  for (const resource of list.resources) {
    out += `  <resource uri="${escapeXml(resource.uri)}">\n`;
    out += writeNames(resource.names, '    ');
    for (const instance of resource.instances) out += writeInstance(instance);
    out += '  </resource>\n';
  }
  return `${out}</list>\n`;
}

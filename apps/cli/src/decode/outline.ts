import { serializeXml, type XmlElement } from '@simplekit/xml';
import type { Style } from '../frame/style.js';

const MAX_XML = 160;

function isXmlElement(value: unknown): value is XmlElement {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'element' &&
    typeof (value as { name?: unknown }).name === 'object'
  );
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A foreign XML element kept by a codec, shown as compact XML on one line. */
export function xmlSnippet(element: XmlElement): string {
  let text: string;
  try {
    text = serializeXml(element).replace(/\s*\n\s*/g, ' ');
  } catch {
    text = `<{${element.name.ns ?? ''}}${element.name.local}>`;
  }
  text = text.replace(/^<\?xml[^>]*\?>\s*/, '');
  return text.length > MAX_XML ? `${text.slice(0, MAX_XML - 1)}…` : text;
}

function scalar(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  if (isXmlElement(value)) return xmlSnippet(value);
  return undefined;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (value instanceof Map || value instanceof Set) return value.size === 0;
  return false;
}

/**
 * Renders any decoded model as an indented outline: `key: value` for scalars, nested blocks for objects, `- ` items
 * for arrays. Empty fields are left out so that the outline shows what the document says, not the model's shape.
 */
export function outline(value: unknown, style: Style, indent = ''): string[] {
  const lines: string[] = [];
  const entries: [string, unknown][] =
    value instanceof Map
      ? [...value.entries()].map(([k, v]) => [String(k), v])
      : isPlainRecord(value)
        ? Object.entries(value)
        : [];
  for (const [key, item] of entries) {
    if (isEmpty(item)) continue;
    const simple = scalar(item);
    if (simple !== undefined) {
      lines.push(`${indent}${style.dim(`${key}:`)} ${simple}`);
      continue;
    }
    lines.push(`${indent}${style.dim(`${key}:`)}`);
    lines.push(...block(item, style, `${indent}  `));
  }
  return lines;
}

function block(value: unknown, style: Style, indent: string): string[] {
  if (Array.isArray(value) || value instanceof Set) {
    const lines: string[] = [];
    for (const item of value) {
      const simple = scalar(item);
      if (simple !== undefined) {
        lines.push(`${indent}- ${simple}`);
        continue;
      }
      const inner = outline(item, style, `${indent}  `);
      const first = inner[0];
      if (first === undefined) lines.push(`${indent}- {}`);
      else lines.push(`${indent}- ${first.slice(indent.length + 2)}`, ...inner.slice(1));
    }
    return lines;
  }
  return outline(value, style, indent);
}

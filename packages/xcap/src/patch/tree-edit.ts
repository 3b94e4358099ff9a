import type { XmlElement, XmlNode } from '@simplekit/xml';
import type { NodePath } from './locate.js';

/**
 * Merges adjacent text nodes and drops empty ones, as the XPath data model (and a re-parse) sees children: after an
 * edit the next selector's `text()[n]` then counts the same nodes a server would.
 */
export function normalizeChildren(children: readonly XmlNode[]): XmlNode[] {
  const out: XmlNode[] = [];
  for (const child of children) {
    if (child.type === 'text') {
      if (child.value === '') continue;
      const last = out[out.length - 1];
      if (last?.type === 'text') {
        out[out.length - 1] = { type: 'text', value: last.value + child.value };
        continue;
      }
    }
    out.push(child);
  }
  return out;
}

/** Rebuilds the spine from the root to `path`, replacing the element there with `edit(element)`. */
export function updateAt(root: XmlElement, path: NodePath, edit: (element: XmlElement) => XmlElement): XmlElement {
  const [head, ...rest] = path;
  if (head === undefined) return edit(root);
  const children = root.children.map((child, index) =>
    index === head && child.type === 'element' ? updateAt(child, rest, edit) : child,
  );
  return { ...root, children };
}

/** Replaces the children of the element at `path` and normalises them. */
export function withChildren(root: XmlElement, path: NodePath, make: (children: readonly XmlNode[]) => XmlNode[]) {
  return updateAt(root, path, (element) => ({ ...element, children: normalizeChildren(make(element.children)) }));
}

/** True when the element or a descendant uses `prefix` for `uri` without declaring it again itself. */
export function usesBinding(element: XmlElement, prefix: string | null, uri: string, top = true): boolean {
  if (!top && element.namespaces.some((d) => d.prefix === prefix)) return false;
  if (element.prefix === prefix && element.name.ns === uri) return true;
  if (prefix !== null && element.attributes.some((a) => a.prefix === prefix && a.ns === uri)) return true;
  return element.children.some((c) => c.type === 'element' && usesBinding(c, prefix, uri, false));
}

/**
 * RFC 5261 §4.4.3 (with erratum 3478): replacing a namespace URI changes the namespace of every name written with
 * that prefix in the declaration's scope.
 */
export function rebind(element: XmlElement, prefix: string | null, from: string, to: string, top = true): XmlElement {
  if (!top && element.namespaces.some((d) => d.prefix === prefix)) return element;
  const renamed = element.prefix === prefix && element.name.ns === from;
  return {
    ...element,
    name: renamed ? { ns: to, local: element.name.local } : element.name,
    attributes:
      prefix === null
        ? element.attributes
        : element.attributes.map((a) => (a.prefix === prefix && a.ns === from ? { ...a, ns: to } : a)),
    children: element.children.map((c) => (c.type === 'element' ? rebind(c, prefix, from, to, false) : c)),
  };
}

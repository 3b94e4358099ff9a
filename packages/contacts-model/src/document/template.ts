import {
  type QName,
  qname,
  type XmlAttribute,
  type XmlElement,
  type XmlNode,
  xmlAttribute,
  xmlElement,
} from '@simplekit/xml';

/** An element this package builds from the model, written in place of the source's element of the same name. */
export interface OwnedElement {
  readonly name: QName;
  readonly element: XmlElement;
}

function key(name: QName): string {
  return `${name.ns ?? ''}\u0000${name.local}`;
}

/**
 * Builds `name` from the model while keeping everything of `source` that is not ours: the attributes named in
 * `attributes` and the child elements whose names `owned` lists are replaced, every other attribute and child (other
 * namespaces, other clients' markup, comments) stays where it was. Children the source lacked are inserted at their
 * place in `children` order (Blink: name, uris, dialog, presence, attributes). `prefix` is for a new element.
 */
export function templated(
  name: QName,
  source: XmlElement | undefined,
  attributes: readonly (readonly [string, string | undefined])[],
  owned: readonly QName[],
  children: readonly OwnedElement[],
  prefix: string | null,
): XmlElement {
  const ownAttributes = new Map(attributes);
  const outAttributes: XmlAttribute[] = [];
  const written = new Set<string>();
  for (const attribute of source?.attributes ?? []) {
    if (attribute.ns === null && ownAttributes.has(attribute.local)) {
      const value = ownAttributes.get(attribute.local);
      if (value !== undefined) outAttributes.push({ ...attribute, value });
      written.add(attribute.local);
    } else {
      outAttributes.push(attribute);
    }
  }
  for (const [local, value] of attributes) {
    if (!written.has(local) && value !== undefined) outAttributes.push(xmlAttribute(qname(null, local), value));
  }

  const rank = new Map<string, number>();
  for (const [i, n] of owned.entries()) rank.set(key(n), i);
  const queues = new Map<string, XmlElement[]>();
  for (const child of children) {
    const k = key(child.name);
    const queue = queues.get(k);
    if (queue === undefined) queues.set(k, [child.element]);
    else queue.push(child.element);
  }
  // Walk the source: our elements are replaced in order, extra ones of ours are dropped, the rest is kept.
  const out: { node: XmlNode; rank: number }[] = [];
  for (const child of source?.children ?? []) {
    if (child.type !== 'element') {
      out.push({ node: child, rank: -1 });
      continue;
    }
    const k = key(child.name);
    const r = rank.get(k);
    if (r === undefined) {
      out.push({ node: child, rank: -1 });
      continue;
    }
    const next = queues.get(k)?.shift();
    if (next !== undefined) out.push({ node: next, rank: r });
  }
  // What the source did not have goes after the last of ours that precedes it in canonical order.
  for (const child of children) {
    const queue = queues.get(key(child.name));
    if (queue === undefined || queue[0] !== child.element) continue;
    queue.shift();
    const r = rank.get(key(child.name)) ?? owned.length;
    let at = -1;
    for (let i = 0; i < out.length; i++) {
      const entry = out[i];
      if (entry !== undefined && entry.rank !== -1 && entry.rank <= r) at = i;
    }
    if (at === -1) {
      const firstLater = out.findIndex((e) => e.rank > r);
      at = firstLater === -1 ? out.length : firstLater;
      out.splice(at, 0, { node: child.element, rank: r });
    } else {
      out.splice(at + 1, 0, { node: child.element, rank: r });
    }
  }
  return xmlElement(name, {
    prefix: source === undefined ? prefix : source.prefix,
    namespaces: source?.namespaces ?? [],
    attributes: outAttributes,
    children: out.map((e) => e.node),
  });
}

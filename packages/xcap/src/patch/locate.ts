import { XML_NAMESPACE, type XmlElement } from '@simplekit/xml';
import type { PatchNamespaces } from '../codecs/xcap-diff/model.js';
import { XcapPatchError } from '../errors.js';
import type { PatchSelector, SelectorName, SelectorStep, StepPredicate } from './selector.js';

/** Child indices from the root element down to an element (`[]` is the root itself). */
export type NodePath = readonly number[];

/** The one node a selector located, with the path of the element that holds it. */
export type Located =
  | { readonly kind: 'element'; readonly path: NodePath; readonly element: XmlElement }
  | { readonly kind: 'attribute'; readonly path: NodePath; readonly element: XmlElement; readonly index: number }
  | { readonly kind: 'text'; readonly path: NodePath; readonly element: XmlElement; readonly child: number }
  | { readonly kind: 'namespace'; readonly path: NodePath; readonly element: XmlElement; readonly index: number };

interface Candidate {
  readonly path: NodePath;
  readonly element: XmlElement;
}

interface Expanded {
  readonly ns: string | null;
  readonly local: string;
}

/**
 * RFC 5261 §4.2.1: prefixes resolve through the patch's in-scope declarations, and — unlike XPath 1.0 — an
 * unprefixed element name is in the patch's default namespace. Unprefixed attribute names have no namespace.
 */
function lastBinding(scope: PatchNamespaces, prefix: string | null) {
  for (let i = scope.length - 1; i >= 0; i -= 1) if (scope[i]?.prefix === prefix) return scope[i];
  return undefined;
}

export function resolveName(name: SelectorName, scope: PatchNamespaces, element: boolean, sel: string): Expanded {
  if (name.prefix === null) {
    if (!element) return { ns: null, local: name.local };
    const fallback = lastBinding(scope, null);
    return { ns: fallback && fallback.uri !== '' ? fallback.uri : null, local: name.local };
  }
  if (name.prefix === 'xml') return { ns: XML_NAMESPACE, local: name.local };
  const bound = lastBinding(scope, name.prefix);
  if (!bound || bound.uri === '') {
    throw new XcapPatchError('invalid-namespace-prefix', `prefix "${name.prefix}" is not declared in the patch`, {
      selector: sel,
    });
  }
  return { ns: bound.uri, local: name.local };
}

const matches = (element: XmlElement, name: Expanded) =>
  (name.local === '*' || element.name.local === name.local) && element.name.ns === name.ns;

function directText(element: XmlElement): string {
  let out = '';
  for (const child of element.children) if (child.type === 'text') out += child.value;
  return out;
}

function filter(
  candidates: readonly Candidate[],
  predicate: StepPredicate,
  scope: PatchNamespaces,
  sel: string,
): Candidate[] {
  switch (predicate.kind) {
    case 'position': {
      const hit = candidates[predicate.position - 1];
      return hit ? [hit] : [];
    }
    case 'attribute': {
      const name = resolveName(predicate.name, scope, false, sel);
      return candidates.filter((c) =>
        c.element.attributes.some((a) => a.ns === name.ns && a.local === name.local && a.value === predicate.value),
      );
    }
    case 'child': {
      const name = resolveName(predicate.name, scope, true, sel);
      return candidates.filter((c) =>
        c.element.children.some((k) => k.type === 'element' && matches(k, name) && directText(k) === predicate.value),
      );
    }
    case 'self':
      return candidates.filter((c) => directText(c.element) === predicate.value);
  }
}

/** One step from each context element; predicates filter per context, as XPath positions are per parent. */
function step(contexts: readonly Candidate[], s: SelectorStep, scope: PatchNamespaces, sel: string): Candidate[] {
  const name = s.name.prefix === null && s.name.local === '*' ? undefined : resolveName(s.name, scope, true, sel);
  const out: Candidate[] = [];
  for (const context of contexts) {
    let children: Candidate[] = [];
    context.element.children.forEach((child, index) => {
      if (child.type === 'element' && (name === undefined || matches(child, name))) {
        children.push({ path: [...context.path, index], element: child });
      }
    });
    for (const predicate of s.predicates) children = filter(children, predicate, scope, sel);
    out.push(...children);
  }
  return out;
}

function byId(root: XmlElement, id: string): Candidate[] {
  const found: Candidate[] = [];
  const visit = (element: XmlElement, path: NodePath): void => {
    // Without a DTD or schema the ID attributes are `xml:id` and, by the convention of XCAP usages, `id`.
    const isId = element.attributes.some(
      (a) => a.value === id && a.local === 'id' && (a.ns === null || a.ns === XML_NAMESPACE),
    );
    if (isId) found.push({ path, element });
    element.children.forEach((child, index) => {
      if (child.type === 'element') visit(child, [...path, index]);
    });
  };
  visit(root, []);
  return found;
}

function unlocated(sel: string, count: number): never {
  const what = count === 0 ? 'matches no node' : `matches ${count} nodes`;
  throw new XcapPatchError('unlocated-node', `selector "${sel}" ${what}`, { selector: sel });
}

/** Evaluates a selector against a document; RFC 5261 §4.1: it must locate exactly one node. */
export function locate(root: XmlElement, selector: PatchSelector, scope: PatchNamespaces, sel: string): Located {
  let contexts: Candidate[];
  let steps = selector.steps;
  if (selector.id !== undefined) {
    contexts = byId(root, selector.id);
  } else {
    // The first step is evaluated from the document node, whose only element child is the root.
    const [first, ...rest] = steps;
    if (!first) return unlocated(sel, 0);
    contexts = step([{ path: [], element: { ...root, children: [root] } }], first, scope, sel).map((c) => ({
      path: [],
      element: c.element,
    }));
    steps = rest;
  }
  for (const s of steps) contexts = step(contexts, s, scope, sel);
  const [target, ...others] = contexts;
  if (!target || others.length > 0) return unlocated(sel, contexts.length);
  const terminal = selector.terminal;
  if (!terminal) return { kind: 'element', path: target.path, element: target.element };
  const { element, path } = target;
  switch (terminal.kind) {
    case 'attribute': {
      const name = resolveName(terminal.name, scope, false, sel);
      const index = element.attributes.findIndex((a) => a.ns === name.ns && a.local === name.local);
      return index < 0 ? unlocated(sel, 0) : { kind: 'attribute', path, element, index };
    }
    case 'namespace': {
      const index = element.namespaces.findIndex((d) => d.prefix === terminal.prefix);
      return index < 0 ? unlocated(sel, 0) : { kind: 'namespace', path, element, index };
    }
    case 'text': {
      const texts: number[] = [];
      element.children.forEach((child, index) => {
        if (child.type === 'text') texts.push(index);
      });
      if (terminal.position === undefined && texts.length !== 1) return unlocated(sel, texts.length);
      const child = texts[(terminal.position ?? 1) - 1];
      return child === undefined ? unlocated(sel, 0) : { kind: 'text', path, element, child };
    }
  }
}

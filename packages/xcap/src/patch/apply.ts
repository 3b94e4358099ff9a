import type { XmlAttribute, XmlElement, XmlNode } from '@simplekit/xml';
import type { PatchAdd, PatchOperation, PatchRemove, PatchReplace } from '../codecs/xcap-diff/model.js';
import { XcapPatchError, type XcapPatchFailure } from '../errors.js';
import { type Located, locate, resolveName } from './locate.js';
import { parsePatchSelector } from './selector.js';
import { normalizeChildren, rebind, updateAt, usesBinding, withChildren } from './tree-edit.js';

/** XML 1.0 §2.2 Char: false when a value holds something that cannot be written (controls, U+FFFE/F, lone halves). */
function isXmlText(value: string): boolean {
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 && code !== 0x9 && code !== 0xa && code !== 0xd) return false;
    if ((code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff) return false;
  }
  return true;
}
const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

const fail = (reason: XcapPatchFailure, op: PatchOperation, message: string): never => {
  throw new XcapPatchError(reason, `<${op.op} sel="${op.sel}">: ${message}`, { selector: op.sel });
};

const isBlankText = (node: XmlNode | undefined) => node?.type === 'text' && /^[ \t\r\n]*$/.test(node.value);

/** The content of an operation that may only hold character data (attribute values, text, namespace URIs). */
function textContentOf(op: PatchAdd | PatchReplace): string {
  let text = '';
  for (const node of op.content) {
    if (node.type !== 'text') fail('invalid-node-types', op, 'only text is allowed here');
    else text += node.value;
  }
  return text;
}

function locateFor(root: XmlElement, op: PatchOperation): Located {
  return locate(root, parsePatchSelector(op.sel), op.namespaces, op.sel);
}

function parentOf(op: PatchOperation, target: Located & { kind: 'element' }) {
  const index = target.path[target.path.length - 1];
  if (index === undefined) return fail('invalid-root-element-operation', op, 'the root element has no siblings');
  return { parent: target.path.slice(0, -1), index };
}

/** RFC 5261 §4.3: `type="@name"` adds an attribute, `type="namespace::p"` a namespace declaration. */
function addTyped(root: XmlElement, op: PatchAdd, target: Located, type: string): XmlElement {
  if (target.kind !== 'element') return fail('invalid-node-types', op, 'attributes are added to elements');
  if (op.pos !== undefined) return fail('invalid-patch-directive', op, 'pos cannot be used with type');
  const value = textContentOf(op);
  if (type.startsWith('namespace::')) {
    const prefix = type.slice('namespace::'.length);
    if (!NCNAME.test(prefix)) return fail('invalid-patch-directive', op, `type="${type}"`);
    // Namespaces in XML §3: `xml` and `xmlns` are bound by definition and cannot be declared.
    if (prefix === 'xml' || prefix === 'xmlns') return fail('invalid-namespace-prefix', op, `prefix "${prefix}"`);
    if (value === '') return fail('invalid-namespace-uri', op, 'a namespace needs a URI');
    if (target.element.namespaces.some((d) => d.prefix === prefix)) {
      return fail('invalid-namespace-prefix', op, `prefix "${prefix}" is already declared there`);
    }
    return updateAt(root, target.path, (el) => ({ ...el, namespaces: [...el.namespaces, { prefix, uri: value }] }));
  }
  const qname = type.startsWith('@') ? type.slice(1).split(':') : [];
  const [first, second, ...extra] = qname;
  if (
    first === undefined ||
    extra.length > 0 ||
    !NCNAME.test(first) ||
    (second !== undefined && !NCNAME.test(second))
  ) {
    return fail('invalid-patch-directive', op, `type="${type}"`);
  }
  const written = second === undefined ? { prefix: null, local: first } : { prefix: first, local: second };
  if (written.prefix === 'xmlns' || (written.prefix === null && written.local === 'xmlns')) {
    return fail('invalid-patch-directive', op, 'namespace declarations are added with type="namespace::prefix"');
  }
  const name = resolveName(written, op.namespaces, false, op.sel);
  if (!isXmlText(value)) return fail('invalid-attribute-value', op, 'the value holds non-XML characters');
  if (target.element.attributes.some((a) => a.ns === name.ns && a.local === name.local)) {
    return fail('invalid-attribute-value', op, `attribute ${type.slice(1)} already exists`);
  }
  const attribute: XmlAttribute = { ns: name.ns, local: name.local, prefix: written.prefix, value };
  return updateAt(root, target.path, (el) => ({ ...el, attributes: [...el.attributes, attribute] }));
}

function add(root: XmlElement, op: PatchAdd): XmlElement {
  const target = locateFor(root, op);
  if (op.type !== undefined) return addTyped(root, op, target, op.type);
  if (target.kind !== 'element') return fail('invalid-node-types', op, 'nodes are added to or beside elements');
  const content = op.content;
  if (op.pos === undefined) return withChildren(root, target.path, (children) => [...children, ...content]);
  if (op.pos === 'prepend') return withChildren(root, target.path, (children) => [...content, ...children]);
  if (target.path.length === 0) {
    // Only comments and PIs may sit beside the root, in the prolog or epilog, which this tree does not keep.
    const elements = content.some((n) => n.type === 'element');
    return fail(
      elements ? 'invalid-root-element-operation' : 'invalid-xml-prolog-operation',
      op,
      'nothing can be added beside the root element',
    );
  }
  const { parent, index } = parentOf(op, target);
  const at = op.pos === 'before' ? index : index + 1;
  return withChildren(root, parent, (children) => [...children.slice(0, at), ...content, ...children.slice(at)]);
}

function replace(root: XmlElement, op: PatchReplace): XmlElement {
  const target = locateFor(root, op);
  switch (target.kind) {
    case 'element': {
      // RFC 5261 §4.4.1: an element is replaced by exactly one element (indentation around it is not content).
      const nodes = op.content.filter((n) => !isBlankText(n));
      const [element, ...more] = nodes;
      if (element?.type !== 'element' || more.length > 0) {
        return fail('invalid-node-types', op, 'an element is replaced by exactly one element');
      }
      if (target.path.length === 0) return element;
      const { parent, index } = parentOf(op, target);
      return withChildren(root, parent, (children) => children.map((c, i) => (i === index ? element : c)));
    }
    case 'attribute': {
      const value = textContentOf(op);
      if (!isXmlText(value)) return fail('invalid-attribute-value', op, 'the value holds non-XML characters');
      return updateAt(root, target.path, (el) => ({
        ...el,
        attributes: el.attributes.map((a, i) => (i === target.index ? { ...a, value } : a)),
      }));
    }
    case 'text': {
      const value = textContentOf(op);
      return withChildren(root, target.path, (children) =>
        children.map((c, i) => (i === target.child ? { type: 'text', value } : c)),
      );
    }
    case 'namespace': {
      const uri = textContentOf(op);
      if (uri === '') return fail('invalid-namespace-uri', op, 'a namespace needs a URI');
      const declaration = target.element.namespaces[target.index];
      if (!declaration) return fail('unlocated-node', op, 'no such declaration');
      return updateAt(root, target.path, (el) => ({
        ...rebind(el, declaration.prefix, declaration.uri, uri),
        namespaces: el.namespaces.map((d, i) => (i === target.index ? { prefix: d.prefix, uri } : d)),
      }));
    }
  }
}

function remove(root: XmlElement, op: PatchRemove): XmlElement {
  const target = locateFor(root, op);
  if (target.kind !== 'element' && op.ws !== undefined) {
    return fail('invalid-whitespace-directive', op, `ws applies to elements, not to a ${target.kind}`);
  }
  switch (target.kind) {
    case 'element': {
      if (target.path.length === 0) return fail('invalid-root-element-operation', op, 'the root cannot be removed');
      const { parent, index } = parentOf(op, target);
      return updateAt(root, parent, (el) => {
        const children = [...el.children];
        // RFC 5261 §4.5: `ws` also removes the whitespace-only text node right before and/or after the element.
        const before = op.ws === 'before' || op.ws === 'both';
        const after = op.ws === 'after' || op.ws === 'both';
        if (after && !isBlankText(children[index + 1])) fail('invalid-whitespace-directive', op, 'no whitespace after');
        if (before && !isBlankText(children[index - 1]))
          fail('invalid-whitespace-directive', op, 'no whitespace before');
        const from = before ? index - 1 : index;
        const to = after ? index + 2 : index + 1;
        return { ...el, children: normalizeChildren([...children.slice(0, from), ...children.slice(to)]) };
      });
    }
    case 'attribute':
      return updateAt(root, target.path, (el) => ({
        ...el,
        attributes: el.attributes.filter((_a, i) => i !== target.index),
      }));
    case 'text':
      return withChildren(root, target.path, (children) => children.filter((_c, i) => i !== target.child));
    case 'namespace': {
      const declaration = target.element.namespaces[target.index];
      if (declaration && usesBinding(target.element, declaration.prefix, declaration.uri)) {
        return fail('invalid-namespace-prefix', op, `prefix "${declaration.prefix ?? ''}" is still in use`);
      }
      return updateAt(root, target.path, (el) => ({
        ...el,
        namespaces: el.namespaces.filter((_d, i) => i !== target.index),
      }));
    }
  }
}

/**
 * Applies RFC 5261 patch operations in order to a document tree and returns the new tree; the input is not changed.
 * The first operation that cannot be applied throws `XcapPatchError` with its RFC 5261 §5 condition.
 */
export function applyPatch(root: XmlElement, operations: readonly PatchOperation[]): XmlElement {
  let current = root;
  for (const op of operations) {
    if (op.op === 'add') current = add(current, op);
    else if (op.op === 'replace') current = replace(current, op);
    else current = remove(current, op);
  }
  return current;
}

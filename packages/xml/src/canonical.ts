import type { XmlElement, XmlNode } from './tree.js';

/**
 * The same tree with every prefix and namespace declaration removed: two documents that differ only in how they
 * bind prefixes (or in using a default namespace) give equal results.
 */
export function stripPrefixes(element: XmlElement): XmlElement {
  return {
    type: 'element',
    name: element.name,
    prefix: null,
    namespaces: [],
    attributes: element.attributes.map((attribute) => ({ ...attribute, prefix: null })),
    children: element.children.map(stripNode),
  };
}

function stripNode(node: XmlNode): XmlNode {
  return node.type === 'element' ? stripPrefixes(node) : node;
}

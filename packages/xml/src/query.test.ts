import { describe, expect, it } from 'vitest';
import { parseXml } from './parse.js';
import { attributeValue, childElements, findAttribute, firstChildElement, hasName, textContent } from './query.js';
import { qname } from './tree.js';

const root = parseXml(
  '<r xmlns="urn:r" xmlns:o="urn:o" o:x="1" x="2"><a>one</a><o:a>two</o:a><a>th<b>re</b>e<!-- not text --></a></r>',
);

describe('queries by expanded name', () => {
  it('finds children by namespace and local name, never by prefix', () => {
    expect(childElements(root, qname('urn:r', 'a')).map(textContent)).toEqual(['one', 'three']);
    expect(childElements(root).length).toBe(3);
    expect(firstChildElement(root, qname('urn:o', 'a'))?.prefix).toBe('o');
    expect(firstChildElement(root, qname(null, 'a'))).toBeUndefined();
    expect(hasName(root, 'urn:r', 'r')).toBe(true);
  });

  it('reads attributes by namespace: unprefixed ones are in no namespace', () => {
    expect(attributeValue(root, 'x')).toBe('2');
    expect(attributeValue(root, 'x', 'urn:o')).toBe('1');
    expect(findAttribute(root, 'x', 'urn:r')).toBeUndefined();
  });
});

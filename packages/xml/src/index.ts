// @simplekit/xml: public API. Each module exports from here only.
export { stripPrefixes } from './canonical.js';
export { XmlError, type XmlErrorCode, XmlLimitError } from './errors.js';
export { type HollowOptions, isHollow, type SkimInput, type SkimmedElement, type XmlElementHead } from './hollow.js';
export { DEFAULT_XML_LIMITS, type XmlLimits } from './limits.js';
export { type ParseXmlOptions, parseXml } from './parse.js';
export {
  attributeValue,
  childElements,
  findAttribute,
  firstChildElement,
  hasName,
  isNamed,
  textContent,
} from './query.js';
export { type SerializeXmlOptions, serializeXml } from './serialize.js';
export {
  isElement,
  isText,
  type QName,
  qname,
  XML_NAMESPACE,
  XMLNS_NAMESPACE,
  type XmlAttribute,
  type XmlComment,
  type XmlElement,
  type XmlElementInit,
  type XmlNamespaceDeclaration,
  type XmlNode,
  type XmlText,
  xmlAttribute,
  xmlComment,
  xmlElement,
  xmlText,
} from './tree.js';

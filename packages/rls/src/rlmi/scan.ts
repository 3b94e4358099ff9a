import { RlmiError } from '../errors.js';
import { type RlmiXmlAttribute, type RlmiXmlElement, type RlmiXmlNode, XML_NAMESPACE } from './xml-shape.js';

// A small, strict, linear XML reader for RLMI documents. RLMI is fixed-shape and a 1,000-resource list arrives
// with every full-state NOTIFY, so a general parser (two passes through fast-xml-parser plus a tree conversion)
// costs more than the whole notification budget. This reader handles the XML 1.0 constructs a document may use
// (declaration, PIs, comments, CDATA, the five predefined entities and character references), resolves namespaces
// by scope, refuses any DOCTYPE (so no entity can be declared or expanded) and bounds size and depth. Every loop
// advances with indexOf or a single character scan, so hostile input costs time proportional to its length.

export interface ScanLimits {
  readonly maxLength: number;
  readonly maxDepth: number;
  readonly maxElements: number;
  /** Most attributes (namespace declarations included) on one element. */
  readonly maxAttributes: number;
}

const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

interface OpenElement {
  readonly rawName: string;
  readonly scope: ReadonlyMap<string, string>;
  readonly children: RlmiXmlNode[];
}

interface RawAttribute {
  readonly name: string;
  readonly value: string;
}

function fail(message: string): never {
  throw new RlmiError(`RLMI is not well-formed: ${message}`);
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isNameEnd(code: number): boolean {
  // Whitespace, '/', '>', '=', quotes, '<', '&' end a name; the remaining checks are in checkName.
  return (
    isSpace(code) ||
    code === 0x2f ||
    code === 0x3e ||
    code === 0x3d ||
    code === 0x22 ||
    code === 0x27 ||
    code === 0x3c ||
    code === 0x26 ||
    Number.isNaN(code)
  );
}

// Namespaces in XML 1.0 §3: QName = (Prefix ':')? LocalPart, each an NCName. Digits, '-' and '.' cannot start one.
const QNAME =
  /^[A-Za-z_\u00c0-\uffff][\w.\u00b7\u00c0-\uffff-]*(?::[A-Za-z_\u00c0-\uffff][\w.\u00b7\u00c0-\uffff-]*)?$/;

function checkName(name: string): string {
  if (!QNAME.test(name)) fail(`invalid name ${JSON.stringify(name.slice(0, 40))}`);
  return name;
}

/** XML 1.0 §4.1 and §4.6: character references and the five predefined entities; nothing else exists without a DTD. */
function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  let out = '';
  let at = 0;
  for (let amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', at)) {
    const semi = text.indexOf(';', amp);
    if (semi < 0 || semi - amp > 12) fail('unterminated reference');
    const ref = text.slice(amp + 1, semi);
    let ch: string | undefined;
    if (ref.startsWith('#x'))
      ch = /^#x[0-9A-Fa-f]{1,6}$/.test(ref) ? codePoint(Number.parseInt(ref.slice(2), 16)) : undefined;
    else if (ref.startsWith('#'))
      ch = /^#[0-9]{1,7}$/.test(ref) ? codePoint(Number.parseInt(ref.slice(1), 10)) : undefined;
    else ch = PREDEFINED[ref];
    if (ch === undefined) fail(`unknown reference &${ref.slice(0, 12)};`);
    out += text.slice(at, amp) + ch;
    at = semi + 1;
  }
  return out + text.slice(at);
}

function codePoint(value: number): string {
  // XML 1.0 §2.2 Char: no NUL, no surrogates, nothing above U+10FFFF.
  const legal =
    value === 0x9 ||
    value === 0xa ||
    value === 0xd ||
    (value >= 0x20 && value <= 0xd7ff) ||
    (value >= 0xe000 && value <= 0xfffd) ||
    (value >= 0x10000 && value <= 0x10ffff);
  if (!legal) fail(`character reference to U+${value.toString(16)}`);
  return String.fromCodePoint(value);
}

function splitQName(name: string): [prefix: string, local: string] {
  const colon = name.indexOf(':');
  return colon < 0 ? ['', name] : [name.slice(0, colon), name.slice(colon + 1)];
}

/** Reads the attributes of a start tag from `at`; returns them and the index of the tag's closing `>` or `/>`. */
function readAttributes(text: string, from: number, maxAttributes: number): [RawAttribute[], number] {
  const attributes: RawAttribute[] = [];
  let at = from;
  for (;;) {
    const before = at;
    while (isSpace(text.charCodeAt(at))) at++;
    const code = text.charCodeAt(at);
    if (code === 0x3e || (code === 0x2f && text.charCodeAt(at + 1) === 0x3e)) return [attributes, at];
    if (Number.isNaN(code)) fail('unterminated start tag');
    // XML 1.0 §3.1: attributes are separated by whitespace.
    if (at === before) fail('attributes must be separated by whitespace');
    // Refused by count before anything is compared, so thousands of attributes cost no quadratic duplicate checks.
    if (attributes.length >= maxAttributes) fail(`more than ${maxAttributes} attributes on one element`);
    const nameStart = at;
    while (!isNameEnd(text.charCodeAt(at))) at++;
    const name = checkName(text.slice(nameStart, at));
    while (isSpace(text.charCodeAt(at))) at++;
    if (text.charCodeAt(at) !== 0x3d) fail(`attribute ${name} has no value`);
    at++;
    while (isSpace(text.charCodeAt(at))) at++;
    const quote = text[at];
    if (quote !== '"' && quote !== "'") fail(`attribute ${name} value is not quoted`);
    const end = text.indexOf(quote, at + 1);
    if (end < 0) fail(`attribute ${name} value is unterminated`);
    const raw = text.slice(at + 1, end);
    if (raw.includes('<')) fail(`attribute ${name} contains '<'`);
    // XML 1.0 §3.3.3: literal whitespace characters in a value normalise to spaces.
    attributes.push({ name, value: decodeReferences(raw.replace(/\r\n|[\t\n\r]/g, ' ')) });
    at = end + 1;
  }
}

function resolveScope(
  attributes: readonly RawAttribute[],
  parent: ReadonlyMap<string, string>,
): ReadonlyMap<string, string> {
  let scope: Map<string, string> | undefined;
  const declared: string[] = [];
  for (const { name, value } of attributes) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    const prefix = name === 'xmlns' ? '' : name.slice(6);
    if (prefix === 'xmlns' || (prefix === 'xml') !== (value === XML_NAMESPACE) || value === XMLNS_NAMESPACE) {
      fail(`namespace declaration ${name}="${value.slice(0, 60)}" is not allowed`);
    }
    if (prefix !== '' && value === '') fail(`prefix ${prefix} bound to an empty namespace`);
    if (declared.includes(prefix)) fail(`${name} declared twice`);
    declared.push(prefix);
    scope ??= new Map(parent);
    scope.set(prefix, value);
  }
  return scope ?? parent;
}

function element(
  rawName: string,
  attributes: readonly RawAttribute[],
  scope: ReadonlyMap<string, string>,
  children: RlmiXmlNode[],
): RlmiXmlElement {
  const [prefix, local] = splitQName(rawName);
  const ns = prefix === '' ? scope.get('') || null : scope.get(prefix);
  if (ns === undefined) fail(`prefix ${prefix} is not declared`);
  const resolved: RlmiXmlAttribute[] = [];
  for (const { name, value } of attributes) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const [attrPrefix, attrLocal] = splitQName(name);
    // Namespaces in XML 1.0 §6.2: an unprefixed attribute is in no namespace.
    const attrNs = attrPrefix === '' ? null : scope.get(attrPrefix);
    if (attrNs === undefined) fail(`prefix ${attrPrefix} is not declared`);
    // §6.3: no two attributes share an expanded name. Elements carry few attributes, so compare pairwise.
    for (const other of resolved)
      if (other.local === attrLocal && other.ns === attrNs) fail(`attribute ${name} repeated`);
    resolved.push({ ns: attrNs, local: attrLocal, value });
  }
  return { type: 'element', name: { ns, local }, attributes: resolved, children };
}

// XML 1.0 §2.8 XMLDecl; the body is read as UTF-8, so another declared encoding would be misread.
const XML_DECLARATION =
  /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.[0-9]+\1([ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])(?:utf-8|us-ascii)\3)?([ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\5)?[ \t\r\n]*\?>$/i;

/** Skips the XML declaration or a processing instruction (XML 1.0 §2.6) at `lt`; returns the index after it. */
function skipProcessingInstruction(text: string, lt: number, afterStart: boolean): number {
  const end = text.indexOf('?>', lt + 2);
  if (end < 0) fail('unterminated processing instruction');
  let nameEnd = lt + 2;
  while (!isSpace(text.charCodeAt(nameEnd)) && nameEnd < end) nameEnd++;
  const target = checkName(text.slice(lt + 2, nameEnd));
  if (target.toLowerCase() === 'xml') {
    // Only the document's first characters may be a declaration, and it must be a valid one.
    // A declaration is short; the length cap also keeps the regular expression's work small.
    const declaration = text.slice(lt, end + 2);
    if (afterStart || target !== 'xml' || declaration.length > 200 || !XML_DECLARATION.test(declaration)) {
      fail('invalid XML declaration');
    }
  } else if (target.includes(':')) {
    fail('processing instruction target with a colon');
  }
  return end + 2;
}

/** Parses an RLMI document into an element tree. Throws `RlmiError` only. */
export function scanXml(text: string, limits: ScanLimits): RlmiXmlElement {
  if (text.length > limits.maxLength) fail(`document longer than ${limits.maxLength} characters`);
  const stack: OpenElement[] = [];
  const rootScope: ReadonlyMap<string, string> = new Map([['xml', XML_NAMESPACE]]);
  let root: RlmiXmlElement | undefined;
  let elements = 0;
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstMarkup = at;
  while (at < text.length) {
    const lt = text.indexOf('<', at);
    const textEnd = lt < 0 ? text.length : lt;
    if (textEnd > at) {
      const top = stack[stack.length - 1];
      const chunk = text.slice(at, textEnd);
      if (top !== undefined) {
        if (chunk.includes(']]>')) fail("']]>' in text");
        // Indentation between RLMI elements carries nothing; dropping it saves thousands of nodes per list.
        if (chunk.trim() !== '') top.children.push({ type: 'text', value: decodeReferences(chunk) });
      } else if (chunk.trim() !== '') {
        fail('text outside the root element');
      }
    }
    if (lt < 0) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 0x3f) {
      at = skipProcessingInstruction(text, lt, root !== undefined || stack.length > 0 || lt > firstMarkup);
    } else if (next === 0x21) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end < 0) fail('unterminated comment');
        at = end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        const top = stack[stack.length - 1];
        if (end < 0 || top === undefined) fail('CDATA section outside an element or unterminated');
        top.children.push({ type: 'text', value: text.slice(lt + 9, end) });
        at = end + 3;
      } else {
        // XML 1.0 §2.8: no DOCTYPE, hence no entity declarations and no expansion attacks.
        fail(text.startsWith('<!DOCTYPE', lt) ? 'DOCTYPE is not allowed' : 'unexpected <!');
      }
    } else if (next === 0x2f) {
      const gt = text.indexOf('>', lt + 2);
      if (gt < 0) fail('unterminated end tag');
      const name = text.slice(lt + 2, gt).trimEnd();
      const open = stack.pop();
      if (open === undefined || open.rawName !== name) fail(`end tag </${name.slice(0, 40)}> does not match`);
      at = gt + 1;
    } else {
      let nameEnd = lt + 1;
      while (!isNameEnd(text.charCodeAt(nameEnd))) nameEnd++;
      const rawName = checkName(text.slice(lt + 1, nameEnd));
      const [attributes, tagEnd] = readAttributes(text, nameEnd, limits.maxAttributes);
      const parent = stack[stack.length - 1];
      if (parent === undefined && root !== undefined) fail('more than one root element');
      if (++elements > limits.maxElements) fail(`more than ${limits.maxElements} elements`);
      const scope = resolveScope(attributes, parent?.scope ?? rootScope);
      const children: RlmiXmlNode[] = [];
      const node = element(rawName, attributes, scope, children);
      if (parent === undefined) root = node;
      else parent.children.push(node);
      const selfClosing = text.charCodeAt(tagEnd) === 0x2f;
      if (!selfClosing) {
        if (stack.length >= limits.maxDepth) fail(`elements nested deeper than ${limits.maxDepth}`);
        stack.push({ rawName, scope, children });
      }
      at = tagEnd + (selfClosing ? 2 : 1);
    }
  }
  if (stack.length > 0) fail(`element <${stack[stack.length - 1]?.rawName}> is not closed`);
  if (root === undefined) fail('no root element');
  return root;
}

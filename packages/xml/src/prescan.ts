import { XmlError, XmlLimitError } from './errors.js';
import type { XmlLimits } from './limits.js';

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;

function closing(text: string, from: number, marker: string, what: string): number {
  const end = text.indexOf(marker, from);
  if (end === -1) throw new XmlError('XML_MALFORMED', `Unterminated ${what}`);
  return end;
}

function checkLength(limits: XmlLimits, length: number, what: string): void {
  if (length > limits.maxTextLength) {
    throw new XmlLimitError('maxTextLength', `${what} of ${length} characters exceeds ${limits.maxTextLength}`);
  }
}

/**
 * One linear pass over the markup before fast-xml-parser sees it: rejects any DOCTYPE (XML 1.0 §2.8; no DTD means
 * no entity expansion, so "billion laughs" cannot start) and enforces the structural limits, so that hostile input
 * is refused in time proportional to its size and never reaches a slower or recursive stage.
 */
export function prescan(text: string, limits: XmlLimits): void {
  const length = text.length;
  let depth = 0;
  let elements = 0;
  let i = 0;
  while (i < length) {
    const lt = text.indexOf('<', i);
    if (lt === -1) {
      checkLength(limits, length - i, 'Text');
      return;
    }
    checkLength(limits, lt - i, 'Text');
    const next = text.charCodeAt(lt + 1);
    if (next === BANG) {
      if (text.startsWith('<!--', lt)) {
        const end = closing(text, lt + 4, '-->', 'comment');
        checkLength(limits, end - lt, 'Comment');
        i = end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const end = closing(text, lt + 9, ']]>', 'CDATA section');
        checkLength(limits, end - lt, 'CDATA section');
        i = end + 3;
      } else if (text.startsWith('<!DOCTYPE', lt)) {
        throw new XmlError('XML_DOCTYPE_FORBIDDEN', 'Document type declarations are not accepted');
      } else {
        throw new XmlError('XML_MALFORMED', 'Unexpected markup declaration');
      }
    } else if (next === QUESTION) {
      i = closing(text, lt + 2, '?>', 'processing instruction') + 2;
    } else if (next === SLASH) {
      depth--;
      i = closing(text, lt + 2, '>', 'end tag') + 1;
    } else {
      elements++;
      if (elements > limits.maxElements) {
        throw new XmlLimitError('maxElements', `More than ${limits.maxElements} elements`);
      }
      i = scanStartTag(text, lt + 1, limits);
      if (text.charCodeAt(i - 2) !== SLASH) {
        depth++;
        if (depth > limits.maxDepth) throw new XmlLimitError('maxDepth', `Nesting deeper than ${limits.maxDepth}`);
      }
    }
  }
}

/** Returns the index just past the tag's `>`, counting attributes on the way. */
function scanStartTag(text: string, from: number, limits: XmlLimits): number {
  let attributes = 0;
  let j = from;
  const length = text.length;
  while (j < length) {
    const c = text.charCodeAt(j);
    if (c === GT) return j + 1;
    if (c === QUOTE || c === APOSTROPHE) {
      const end = text.indexOf(c === QUOTE ? '"' : "'", j + 1);
      if (end === -1) throw new XmlError('XML_MALFORMED', 'Unterminated attribute value');
      checkLength(limits, end - j - 1, 'Attribute value');
      j = end + 1;
      continue;
    }
    if (c === EQUALS) {
      attributes++;
      if (attributes > limits.maxAttributes) {
        throw new XmlLimitError('maxAttributes', `More than ${limits.maxAttributes} attributes on one element`);
      }
    } else if (c === LT) {
      throw new XmlError('XML_MALFORMED', 'Unterminated start tag');
    }
    j++;
  }
  throw new XmlError('XML_MALFORMED', 'Unterminated start tag');
}

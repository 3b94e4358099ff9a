import { XmlError, XmlLimitError } from '../errors.js';
import type { XmlLimits } from '../limits.js';
import { createQNameMatcher } from '../names.js';

const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;

function malformed(message: string): XmlError {
  return new XmlError('XML_MALFORMED', message);
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

/**
 * One linear pass over the markup before fast-xml-parser sees it. fast-xml-parser is lenient (it accepts unclosed
 * or mismatched tags and attributes without values), so this pass is what makes the layer strict: tags must nest
 * and match, attributes must be `name="value"` and unique, there is exactly one root and no text outside it, comments
 * contain no `--`, and the XML declaration comes first. It also rejects any DOCTYPE (XML 1.0 §2.8; no DTD means no
 * entity expansion, so "billion laughs" cannot start) and enforces the structural limits, so that hostile input is
 * refused in time proportional to its size and never reaches a slower or recursive stage.
 */
export function prescan(text: string, limits: XmlLimits): void {
  new MarkupScanner(text, limits).run();
}

class MarkupScanner {
  private readonly name = createQNameMatcher();
  private readonly open: string[] = [];
  private elements = 0;
  private seenRoot = false;
  /** Next `]]>` at or after the current text run (amortised linear search). */
  private cdataEnd = -2;

  constructor(
    private readonly text: string,
    private readonly limits: XmlLimits,
  ) {}

  run(): void {
    const { text } = this;
    const length = text.length;
    let i = 0;
    while (i < length) {
      const lt = text.indexOf('<', i);
      const end = lt === -1 ? length : lt;
      if (end > i) this.textRun(i, end);
      if (lt === -1) break;
      const next = text.charCodeAt(lt + 1);
      if (next === BANG) i = this.declaration(lt);
      else if (next === QUESTION) i = this.instruction(lt);
      else if (next === SLASH) i = this.endTag(lt);
      else i = this.startTag(lt);
    }
    const unclosed = this.open.pop();
    if (unclosed !== undefined) throw malformed(`Element <${unclosed}> is not closed`);
    if (!this.seenRoot) throw malformed('No root element');
  }

  private checkLength(length: number, what: string): void {
    if (length > this.limits.maxTextLength) {
      throw new XmlLimitError('maxTextLength', `${what} of ${length} characters exceeds ${this.limits.maxTextLength}`);
    }
  }

  private closing(from: number, marker: string, what: string): number {
    const end = this.text.indexOf(marker, from);
    if (end === -1) throw malformed(`Unterminated ${what}`);
    return end;
  }

  private readName(at: number): string {
    this.name.lastIndex = at;
    const match = this.name.exec(this.text);
    if (match === null) throw malformed(`Expected a name at offset ${at}`);
    return match[0];
  }

  private skipSpace(at: number): number {
    let i = at;
    while (isSpace(this.text.charCodeAt(i))) i++;
    return i;
  }

  private textRun(from: number, to: number): void {
    this.checkLength(to - from, 'Text');
    if (this.open.length === 0) {
      for (let i = from; i < to; i++) {
        if (!isSpace(this.text.charCodeAt(i))) throw malformed('Text outside the root element');
      }
      return;
    }
    // XML 1.0 §2.4: "]]>" must not appear in character data.
    if (this.cdataEnd !== -1 && this.cdataEnd < from) this.cdataEnd = this.text.indexOf(']]>', from);
    if (this.cdataEnd !== -1 && this.cdataEnd < to) throw malformed('"]]>" in character data');
  }

  private declaration(lt: number): number {
    const { text } = this;
    if (text.startsWith('<!--', lt)) {
      const end = this.closing(lt + 4, '-->', 'comment');
      // XML 1.0 §2.5: "--" must not occur within a comment.
      if (text.indexOf('--', lt + 4) < end) throw malformed('"--" inside a comment');
      this.checkLength(end - lt, 'Comment');
      return end + 3;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      if (this.open.length === 0) throw malformed('CDATA section outside the root element');
      const end = this.closing(lt + 9, ']]>', 'CDATA section');
      this.checkLength(end - lt, 'CDATA section');
      return end + 3;
    }
    if (text.startsWith('<!DOCTYPE', lt)) {
      throw new XmlError('XML_DOCTYPE_FORBIDDEN', 'Document type declarations are not accepted');
    }
    throw malformed('Unexpected markup declaration');
  }

  private instruction(lt: number): number {
    const target = this.readName(lt + 2);
    // XML 1.0 §2.8: the XML declaration may only stand at the very start; §2.6: "xml" targets are reserved.
    if (target.toLowerCase() === 'xml' && lt !== 0) throw malformed('XML declaration not at the start');
    const end = this.closing(lt + 2 + target.length, '?>', 'processing instruction');
    this.checkLength(end - lt, 'Processing instruction');
    return end + 2;
  }

  private endTag(lt: number): number {
    const name = this.readName(lt + 2);
    const end = this.skipSpace(lt + 2 + name.length);
    if (this.text.charCodeAt(end) !== GT) throw malformed(`Malformed end tag </${name}`);
    const open = this.open.pop();
    if (open !== name) throw malformed(`End tag </${name}> does not match <${open ?? ''}>`);
    return end + 1;
  }

  private startTag(lt: number): number {
    const { text, limits } = this;
    if (this.open.length === 0) {
      if (this.seenRoot) throw malformed('More than one root element');
      this.seenRoot = true;
    }
    this.elements++;
    if (this.elements > limits.maxElements) {
      throw new XmlLimitError('maxElements', `More than ${limits.maxElements} elements`);
    }
    const name = this.readName(lt + 1);
    const names: string[] = [];
    let seen: Set<string> | undefined;
    let j = lt + 1 + name.length;
    for (;;) {
      const k = this.skipSpace(j);
      const c = text.charCodeAt(k);
      if (c === GT || (c === SLASH && text.charCodeAt(k + 1) === GT)) {
        if (c === SLASH) return k + 2;
        this.open.push(name);
        if (this.open.length > limits.maxDepth) {
          throw new XmlLimitError('maxDepth', `Nesting deeper than ${limits.maxDepth}`);
        }
        return k + 1;
      }
      if (k === j) throw malformed(`Malformed start tag <${name}`);
      const attribute = this.readName(k);
      if (names.length >= limits.maxAttributes) {
        throw new XmlLimitError('maxAttributes', `More than ${limits.maxAttributes} attributes on one element`);
      }
      // A linear search is cheapest for the few attributes real elements carry; a set keeps 256 of them linear.
      if (seen === undefined && names.length >= 16) seen = new Set(names);
      if (seen === undefined ? names.includes(attribute) : seen.has(attribute)) {
        throw malformed(`Duplicate attribute ${attribute}`);
      }
      names.push(attribute);
      seen?.add(attribute);
      let v = this.skipSpace(k + attribute.length);
      if (text.charCodeAt(v) !== EQUALS) throw malformed(`Attribute ${attribute} has no value`);
      v = this.skipSpace(v + 1);
      const quote = text.charCodeAt(v);
      if (quote !== QUOTE && quote !== APOSTROPHE) throw malformed(`Attribute ${attribute} value is not quoted`);
      const close = text.indexOf(quote === QUOTE ? '"' : "'", v + 1);
      if (close === -1) throw malformed('Unterminated attribute value');
      this.checkLength(close - v - 1, 'Attribute value');
      j = close + 1;
    }
  }
}

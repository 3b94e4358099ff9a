import { findInvalidCharacter } from './characters.js';
import { XmlError, XmlLimitError } from './errors.js';
import type { HollowOptions } from './hollow.js';
import { resolveLimits, type XmlLimits } from './limits.js';
import { DocumentReader, VisitorFailure } from './reader.js';
import type { XmlElement } from './tree.js';

export interface ParseXmlOptions {
  /** Overrides of {@link DEFAULT_XML_LIMITS}. */
  readonly limits?: Partial<XmlLimits>;
  /** Drop text nodes that are only whitespace (indentation). Default `false`: every character is kept. */
  readonly ignoreWhitespace?: boolean;
  /** Read the elements at one depth hollow (see {@link HollowOptions}): for large documents mostly written back. */
  readonly hollow?: HollowOptions;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function toText(input: string | Uint8Array, limits: XmlLimits): string {
  if (typeof input === 'string') {
    if (input.length > limits.maxBytes)
      throw new XmlLimitError('maxBytes', `Document exceeds ${limits.maxBytes} bytes`);
    return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  }
  if (input.byteLength > limits.maxBytes)
    throw new XmlLimitError('maxBytes', `Document exceeds ${limits.maxBytes} bytes`);
  try {
    // The BOM is stripped by the decoder (WHATWG Encoding: "utf-8" decode ignores a leading BOM).
    return decoder.decode(input);
  } catch (cause) {
    throw new XmlError('XML_ENCODING', 'Document is not valid UTF-8', { cause });
  }
}

/**
 * Parses one XML document into its root element, with every element and attribute name resolved to
 * `{ ns, local }` by the namespace declarations in scope. Throws {@link XmlError} and nothing else.
 *
 * One strict, linear pass (see `reader.ts`) checks well-formedness and the limits and builds the tree at once;
 * fast-xml-parser remains the reference implementation that a property test compares it with.
 */
export function parseXml(input: string | Uint8Array, options: ParseXmlOptions = {}): XmlElement {
  const limits = resolveLimits(options.limits);
  let text = toText(input, limits);
  // XML 1.0 §2.11: line ends normalise to LF before parsing.
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  const bad = findInvalidCharacter(text);
  if (bad !== -1) throw new XmlError('XML_INVALID_CHARACTER', `Character not allowed by XML at offset ${bad}`);
  try {
    const hollow = options.hollow === undefined ? {} : { hollow: options.hollow };
    return new DocumentReader(
      text,
      limits,
      options.ignoreWhitespace === true,
      typeof input !== 'string',
      hollow,
    ).read();
  } catch (cause) {
    if (cause instanceof XmlError) throw cause;
    if (cause instanceof VisitorFailure) throw cause.cause;
    throw new XmlError('XML_MALFORMED', 'Unreadable XML', { cause });
  }
}

/**
 * Bounds applied to every parse. Presence, watcherinfo and XCAP documents are small; the defaults leave ample room
 * for large address books while keeping hostile input cheap to reject.
 */
export interface XmlLimits {
  /** Largest accepted document, in UTF-8 bytes for byte input and UTF-16 code units for string input. */
  readonly maxBytes: number;
  /** Deepest element nesting (the root element is depth 1). */
  readonly maxDepth: number;
  /** Most elements in one document. */
  readonly maxElements: number;
  /** Most attributes (namespace declarations included) on one element. */
  readonly maxAttributes: number;
  /** Longest single text run, CDATA section, comment or attribute value. */
  readonly maxTextLength: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = Object.freeze({
  maxBytes: 4 * 1024 * 1024,
  maxDepth: 128,
  maxElements: 100_000,
  maxAttributes: 256,
  maxTextLength: 1024 * 1024,
});

export function resolveLimits(overrides: Partial<XmlLimits> | undefined): XmlLimits {
  return overrides === undefined ? DEFAULT_XML_LIMITS : { ...DEFAULT_XML_LIMITS, ...overrides };
}

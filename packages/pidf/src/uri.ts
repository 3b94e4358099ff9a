/** A URI as written in the document (`raw`) and as meant (`uri`). */
export interface UriText {
  readonly raw: string;
  readonly uri: string;
}

/**
 * Blink percent-encodes every `anyURI` value except `/` (`sip%3Aalice%40example.org`, `https%3A//host/…`). Such a
 * value has no literal `:`, which a URI with a scheme always has, so a `%` in a colon-less value marks the encoding
 * and is decoded; anything else is already a URI and is used as written (its `%20` stays `%20`).
 */
export function decodeUriText(raw: string): UriText {
  if (raw.includes(':') || !raw.includes('%')) return { raw, uri: raw };
  try {
    return { raw, uri: decodeURIComponent(raw) };
  } catch {
    // Not valid percent-encoding: the text is the best reading there is.
    return { raw, uri: raw };
  }
}

/** Encodes a URI the way Blink writes it: everything but unreserved characters and `/` is percent-encoded. */
export function encodeUriText(uri: string): UriText {
  const raw = encodeURIComponent(uri)
    .replace(/%2F/g, '/')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return { raw, uri };
}

/** A URI written as is, without Blink's encoding. */
export function plainUriText(uri: string): UriText {
  return { raw: uri, uri };
}

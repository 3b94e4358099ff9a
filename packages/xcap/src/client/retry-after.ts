/** The longest wait a Retry-After is taken at (one day): a larger value is read as this, never as "forever". */
export const MAX_RETRY_AFTER_MS = 86_400_000;

const DELAY_SECONDS = /^\d{1,10}$/;
// Every HTTP-date form (IMF-fixdate, the obsolete RFC 850 and asctime forms; RFC 9110 §5.6.7) opens with a day name.
const HTTP_DATE_START = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6},? /;

/**
 * RFC 9110 §10.2.3: `Retry-After = HTTP-date / delay-seconds`. Returns the wait in milliseconds counted from `now`
 * (0 for a date in the past), or `undefined` when the header is absent or is neither form. A repeated header
 * (joined with ", ") is read by its first value.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (DELAY_SECONDS.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  // An HTTP-date holds one comma itself ("Sun, 06 Nov 1994 08:49:37 GMT"); a digit-led list is delay-seconds.
  const first = /^\d/.test(text) ? (text.split(',')[0] ?? '').trim() : text;
  if (DELAY_SECONDS.test(first)) return Math.min(Number(first) * 1000, MAX_RETRY_AFTER_MS);
  // IMF-fixdate (and the obsolete RFC 850 / asctime forms Date.parse also reads) are bounded, fixed-shape strings.
  if (text.length > 64 || !HTTP_DATE_START.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}

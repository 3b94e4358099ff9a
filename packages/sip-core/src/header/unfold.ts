/** Replaces each `*WSP CRLF 1*WSP` fold by one SP (RFC 3261 §7.3.1), in one linear pass. */
export function unfold(v: string): string {
  const parts: string[] = [];
  let chunk = 0;
  let i = 0;
  while (i < v.length) {
    if (v.charCodeAt(i) !== 0x0d || v.charCodeAt(i + 1) !== 0x0a) {
      i++;
      continue;
    }
    let end = i;
    while (end > chunk && (v.charCodeAt(end - 1) === 0x20 || v.charCodeAt(end - 1) === 0x09)) end--;
    parts.push(v.slice(chunk, end));
    i += 2;
    while (i < v.length && (v.charCodeAt(i) === 0x20 || v.charCodeAt(i) === 0x09)) i++;
    chunk = i;
  }
  parts.push(v.slice(chunk));
  return parts.join(' ');
}

/** A minimal PIDF document with one open tuple carrying `note`. */
export function pidf(aor: string, note: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="${aor}"><tuple id="t1"><status><basic>open</basic></status><note>${note}</note></tuple></presence>`;
}

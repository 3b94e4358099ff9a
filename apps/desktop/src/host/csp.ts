/**
 * The renderer's Content-Security-Policy: its own scripts and styles only, images from itself or `data:` (the host
 * turns icons into data URLs), no plugins, no framing, and network only back to its own bridge.
 */
export function contentSecurityPolicy(connect: 'self' | 'none'): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect === 'self' ? "'self'" : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

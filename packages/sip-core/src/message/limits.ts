/** Bounds that keep hostile input cheap. All are configurable; the defaults suit a presence UA. */
export interface SipLimits {
  /** Bytes from the start line to the blank line, inclusive. */
  readonly maxHeaderBytes: number;
  readonly maxHeaderCount: number;
  readonly maxUriLength: number;
  /** Largest Content-Length accepted by the stream framer (an RLMI full-state NOTIFY can be large). */
  readonly maxBodyBytes: number;
}

export const DEFAULT_LIMITS: SipLimits = {
  maxHeaderBytes: 64 * 1024,
  maxHeaderCount: 256,
  maxUriLength: 4096,
  maxBodyBytes: 16 * 1024 * 1024,
};

export function resolveLimits(partial: Partial<SipLimits> | undefined): SipLimits {
  return partial === undefined ? DEFAULT_LIMITS : { ...DEFAULT_LIMITS, ...partial };
}

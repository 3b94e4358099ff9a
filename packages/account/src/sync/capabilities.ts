import { XcapNetworkError, XcapTimeout } from '@simplekit/xcap';
import type { XcapPort } from '../ports/xcap.js';

export interface XcapCapabilities {
  readonly auids: readonly string[];
  readonly namespaces: readonly string[];
}

/** The application usages the engine cannot work without. */
const REQUIRED = ['resource-lists', 'rls-services', 'org.openmobilealliance.pres-rules'];

/**
 * RFC 4825 §12: which application usages the server stores. An unreachable server throws (the sync retries); a
 * server without a readable xcap-caps document yields `error` and is then tried blindly.
 */
export async function readCapabilities(
  xcap: XcapPort,
): Promise<{ readonly caps?: XcapCapabilities; readonly missing: readonly string[]; readonly error?: Error }> {
  try {
    const caps = await xcap.getCapabilities();
    return {
      caps: Object.freeze({ auids: Object.freeze([...caps.auids]), namespaces: Object.freeze([...caps.namespaces]) }),
      missing: REQUIRED.filter((a) => !caps.auids.includes(a)),
    };
  } catch (error) {
    if (error instanceof XcapNetworkError || error instanceof XcapTimeout) throw error;
    return { missing: [], error: error instanceof Error ? error : new Error(String(error)) };
  }
}

import { Dialog } from '../dialog/dialog.js';
import type { HeaderField } from '../header/header-list.js';
import type { SipRequest, SipResponse } from '../message/types.js';
import { TransactionError } from '../transaction/errors.js';
import { TransportError } from '../transport/errors.js';

const DEFAULT_ACCEPT: Readonly<Record<string, readonly string[]>> = {
  presence: ['application/pidf+xml'],
  'presence.winfo': ['application/watcherinfo+xml'],
  'xcap-diff': ['application/xcap-diff+xml'],
};

/** The headers of a SUBSCRIBE (initial, refresh or un-SUBSCRIBE) for `eventType`. */
export function subscribeHeaders(
  eventType: string,
  options: {
    readonly event: string;
    readonly accept?: readonly string[];
    readonly eventList?: boolean;
    readonly headers?: readonly HeaderField[];
  },
  expires: number,
): HeaderField[] {
  // RFC 4662 §5: a list subscriber must accept RLMI in multipart/related besides the package's own type.
  const own = DEFAULT_ACCEPT[eventType] ?? [];
  const accept = options.accept ?? (options.eventList ? [...own, 'application/rlmi+xml', 'multipart/related'] : own);
  const headers: HeaderField[] = [
    { name: 'Event', value: options.event },
    { name: 'Expires', value: String(expires) },
  ];
  if (accept.length > 0) headers.push({ name: 'Accept', value: accept.join(', ') });
  if (options.eventList) headers.push({ name: 'Supported', value: 'eventlist' });
  headers.push(...(options.headers ?? []));
  return headers;
}

export function dialogOf(request: SipRequest, response: SipResponse): Dialog | undefined {
  try {
    return Dialog.fromResponse(request, response);
  } catch {
    return undefined;
  }
}

/** The request never got an answer because the connection went away (not a timeout: that is the server's silence). */
export function isConnectionLoss(error: unknown): boolean {
  return error instanceof TransportError || (error instanceof TransactionError && error.code === 'TRANSPORT_ERROR');
}

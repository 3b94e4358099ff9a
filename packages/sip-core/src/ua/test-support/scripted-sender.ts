import { ManualClock } from '../../clock/clock.js';
import { createResponse } from '../../message/build.js';
import type { SipRequest, SipResponse } from '../../message/types.js';
import { nullTraceSink } from '../../trace/trace.js';
import {
  buildRequest,
  type RequestSpec,
  type SendsRequests,
  type SentRequest,
} from '../../transaction/request-sender.js';
import type { UserContext } from '../context.js';

export type Responder = (request: SipRequest, index: number) => SipResponse | Promise<SipResponse>;

/** A sender that builds real requests (as over 127.0.0.1:40000/tcp) and answers them from a script. */
export function scriptedSender(respond: Responder): SendsRequests & { readonly requests: SipRequest[] } {
  const requests: SipRequest[] = [];
  return {
    requests,
    async send(spec: RequestSpec): Promise<SentRequest> {
      const request = buildRequest(
        spec,
        { transport: 'tcp', local: { address: '127.0.0.1', port: 40000 } },
        {
          contactUser: 'alice',
        },
      );
      requests.push(request);
      const response = await respond(request, requests.length - 1);
      return { request, response };
    },
  };
}

/** A response to `request` with extra `[name, value]` headers and the To tag `srv`. */
export function reply(
  request: SipRequest,
  status: number,
  headers: readonly (readonly [string, string])[] = [],
): SipResponse {
  return createResponse(request, status, { headers: headers.map(([name, value]) => ({ name, value })), toTag: 'srv' });
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function testContext(sender: SendsRequests, clock = new ManualClock()): UserContext & { clock: ManualClock } {
  return { sender, clock, aor: 'sip:alice@example.com', outboundRoutes: [], trace: nullTraceSink };
}

/** Lets promise chains settle. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** The i-th element, or a test failure. */
export function nth<T>(list: readonly T[], i: number): T {
  const item = list[i];
  if (item === undefined) throw new Error(`no element #${i}`);
  return item;
}

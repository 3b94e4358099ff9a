import { createServer, type Server, type Socket } from 'node:net';
import { SipStreamFramer } from '../../framing/framer.js';
import { createResponse } from '../../message/build.js';
import { parseMessage } from '../../message/parse.js';
import { serializeMessage } from '../../message/serialize.js';
import type { SipMessage, SipRequest, SipResponse } from '../../message/types.js';

export type FakeHandler = (request: SipRequest, socket: Socket) => SipResponse | undefined;

/** A scripted SIP server on 127.0.0.1 over TCP: frames requests, answers them through `handler`. */
export interface FakeServer {
  readonly port: number;
  readonly requests: SipRequest[];
  readonly responses: SipResponse[];
  readonly sockets: Socket[];
  send(socket: Socket, message: SipMessage): void;
  close(): Promise<void>;
}

export async function startFakeServer(handler: FakeHandler): Promise<FakeServer> {
  const requests: SipRequest[] = [];
  const responses: SipResponse[] = [];
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => {
    sockets.push(socket);
    const framer = new SipStreamFramer({ role: 'server' });
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      for (const frame of framer.push(chunk)) {
        if (frame.type === 'ping') socket.write('\r\n');
        if (frame.type !== 'message') continue;
        const message = parseMessage(frame.bytes);
        if (message.kind === 'response') {
          responses.push(message);
          continue;
        }
        requests.push(message);
        const response = handler(message, socket);
        if (response !== undefined) socket.write(serializeMessage(response));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : 0,
    requests,
    responses,
    sockets,
    send: (socket, message) => socket.write(serializeMessage(message)),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** 200 OK that echoes the Contact with an expiry, as a registrar does. */
export function ok(request: SipRequest, grantedExpires?: number): SipResponse {
  let contact = request.headers.get('contact');
  if (contact !== undefined && grantedExpires !== undefined) {
    contact = contact.replace(/;expires=\d+/, `;expires=${grantedExpires}`);
  }
  return createResponse(request, 200, { headers: contact === undefined ? [] : [{ name: 'Contact', value: contact }] });
}

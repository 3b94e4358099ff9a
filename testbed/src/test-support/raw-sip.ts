import { randomBytes } from 'node:crypto';
import { type Socket, connect as tcpConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

/** A SIP request written by hand, line by line, the way a spec-reading human would. */
export function handWrittenRequest(
  method: string,
  uri: string,
  lines: readonly string[],
  localPort: number,
  transport: 'TCP' | 'TLS',
): string {
  const branch = `z9hG4bK${randomBytes(6).toString('hex')}`;
  const tag = randomBytes(4).toString('hex');
  return [
    `${method} ${uri} SIP/2.0`,
    `Via: SIP/2.0/${transport} 127.0.0.1:${localPort};branch=${branch};rport`,
    'Max-Forwards: 70',
    ...lines.map((line) => line.replace('{tag}', tag)),
    `Call-ID: ${randomBytes(8).toString('hex')}@127.0.0.1`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/** Reads one SIP response (header block only; these answers carry no body) from a socket. */
export function readResponse(socket: Socket, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => reject(new Error(`no response within ${timeoutMs} ms; got ${JSON.stringify(text)}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.includes('\r\n\r\n')) {
        clearTimeout(timer);
        socket.off('data', onData);
        resolve(text.slice(0, text.indexOf('\r\n\r\n')));
      }
    };
    socket.on('data', onData);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export function openTcp(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

export function openTls(port: number, ca: string, servername: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, ca, servername, rejectUnauthorized: true }, () =>
      resolve(socket),
    );
    socket.once('error', reject);
  });
}

export function localPortOf(socket: Socket): number {
  const address = socket.address();
  return 'port' in address ? address.port : 0;
}

import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileTraceSink, createMemoryTraceSink } from './file-sink.js';
import { formatTraceRecord, redactSipMessage } from './trace.js';

const REGISTER = [
  'REGISTER sip:example.com SIP/2.0',
  'Authorization: Digest username="alice", realm="example.com", nonce="n", uri="sip:example.com", response="0123abcd"',
  'proxy-authorization :Digest username="alice", response="ffff"',
  'Authorization:',
  'X-Authorization-Note: kept',
  'Content-Length: 0',
  '',
  '',
].join('\r\n');

describe('redactSipMessage', () => {
  it('keeps only the scheme of Authorization and Proxy-Authorization, whatever their case and spacing', () => {
    const out = redactSipMessage(REGISTER);
    expect(out).toContain('\r\nAuthorization: Digest [redacted]\r\n');
    expect(out).toContain('\r\nproxy-authorization :Digest [redacted]\r\n');
    expect(out).toContain('\r\nAuthorization:[redacted]\r\n');
    expect(out).toContain('X-Authorization-Note: kept');
    expect(out).not.toMatch(/response=|username=/);
  });

  it('also removes folded continuation lines of a credential header', () => {
    const folded =
      'REGISTER sip:x SIP/2.0\r\nAuthorization: Digest username="alice",\r\n  response="0123abcd"\r\nVia: v\r\n\r\n';
    expect(redactSipMessage(folded)).toBe(
      'REGISTER sip:x SIP/2.0\r\nAuthorization: Digest [redacted]\r\nVia: v\r\n\r\n',
    );
  });
});

describe('trace sinks', () => {
  it('the file sink appends timestamped, directed records with mode 0600 and redacts again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sk-trace-'));
    const path = join(dir, 'nested', 'sip.log');
    const sink = createFileTraceSink({ path });
    sink.write({
      kind: 'message',
      timestamp: Date.UTC(2026, 0, 2, 3, 4, 5),
      direction: 'sent',
      transport: 'tls',
      local: '127.0.0.1:5000',
      remote: '127.0.0.1:5061',
      text: REGISTER,
    });
    sink.write({ kind: 'note', timestamp: Date.UTC(2026, 0, 2, 3, 4, 6), level: 'warning', text: 'hello' });
    const text = await readFile(path, 'utf8');
    expect(text.startsWith('2026-01-02T03:04:05.000Z SENT TLS 127.0.0.1:5000 -> 127.0.0.1:5061 (')).toBe(true);
    expect(text).toContain('2026-01-02T03:04:06.000Z WARNING hello');
    expect(text).not.toContain('0123abcd');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await rm(dir, { recursive: true, force: true });
  });

  it('formats received messages from the remote side', () => {
    const line = formatTraceRecord({
      kind: 'message',
      timestamp: 0,
      direction: 'received',
      transport: 'tcp',
      local: 'L:1',
      remote: 'R:2',
      text: 'SIP/2.0 200 OK\r\n\r\n',
    });
    expect(line.split('\n')[0]).toBe('1970-01-01T00:00:00.000Z RECEIVED TCP R:2 -> L:1 (18 bytes)');
  });

  it('the memory sink stores redacted copies', () => {
    const sink = createMemoryTraceSink();
    sink.write({
      kind: 'message',
      timestamp: 0,
      direction: 'sent',
      transport: 'tcp',
      local: 'a',
      remote: 'b',
      text: REGISTER,
    });
    expect(sink.records[0]?.kind === 'message' && sink.records[0].text).not.toContain('0123abcd');
  });
});

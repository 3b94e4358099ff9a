import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendingTraceWriter, createTraceSwitch, type TraceRecord, traceFileOf } from './trace-file.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const xcapEntry = {
  kind: 'message',
  protocol: 'xcap',
  timestamp: Date.UTC(2026, 0, 2, 3, 4, 5),
  direction: 'sent',
  transport: 'http',
  local: '',
  remote: '127.0.0.1:5071',
  text: 'GET /xcap-root/xcap-caps/global/index HTTP/1.1\r\n\r\n',
} as const;

describe('createTraceSwitch', () => {
  it('passes records to the writer only while on', () => {
    const written: TraceRecord[] = [];
    const trace = createTraceSwitch('/x', { write: (r) => written.push(r) }, () => 42);
    trace.account.xcap?.write(xcapEntry);
    trace.enabled = true;
    trace.account.xcap?.write(xcapEntry);
    trace.account.note?.('warning', 'sync', 'retrying');
    trace.enabled = false;
    trace.sink.write(xcapEntry);
    expect(written).toEqual([xcapEntry, { kind: 'note', timestamp: 42, level: 'warning', text: 'sync: retrying' }]);
  });
});

describe('appendingTraceWriter', () => {
  it('appends readable records to a 0600 file under traces/', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'simplekit-trace-'));
    dirs.push(dir);
    const path = traceFileOf(dir, 'alice@example.com');
    expect(path).toBe(join(dir, 'traces', 'alice%40example.com.txt'));
    const writer = appendingTraceWriter(path);
    writer.write(xcapEntry);
    writer.write({ kind: 'note', timestamp: xcapEntry.timestamp, level: 'info', text: 'two\nlines' });
    expect(await readFile(path, 'utf8')).toBe(
      '2026-01-02T03:04:05.000Z SENT XCAP 127.0.0.1:5071\nGET /xcap-root/xcap-caps/global/index HTTP/1.1\r\n\r\n\n\n' +
        '2026-01-02T03:04:05.000Z INFO two lines\n\n',
    );
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('keeps only the scheme of a credential header that reached it unredacted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'simplekit-trace-'));
    dirs.push(dir);
    const path = join(dir, 't.txt');
    appendingTraceWriter(path).write({
      ...xcapEntry,
      protocol: 'sip',
      text: 'REGISTER sip:x SIP/2.0\r\nAuthorization: Digest username="a", response="0123abcd"\r\nVia: x\r\n',
    });
    const text = await readFile(path, 'utf8');
    expect(text).toContain('Authorization: Digest [redacted]\r\nVia: x');
    expect(text).not.toContain('0123abcd');
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { memoryIo } from '../test-support/memory-io.js';

const fixtures = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));
const fixture = (name: string) => readFileSync(`${fixtures}${name}`);

async function decode(args: string[], stdin?: Uint8Array) {
  const io = memoryIo({ cwd: fixtures, ...(stdin === undefined ? {} : { stdin }) });
  const status = await main(['decode', ...args], io);
  return { status, stdout: io.stdout.text(), stderr: io.stderr.text() };
}

async function decodeJson(args: string[], stdin?: Uint8Array): Promise<Record<string, unknown>> {
  const r = await decode(['--json', ...args], stdin);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

async function expectInvalid(args: string[], code: string) {
  const r = await decode(args);
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.split('\n')).toHaveLength(2);
  expect(r.stderr).toMatch(new RegExp(`^simplekit: ${code}: `));
  expect(r.stderr).not.toContain('    at ');
}

describe('simplekit decode', () => {
  it('decodes a PIDF document into its summary', async () => {
    const r = await decode(['pidf-blink.xml']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('sip:ag@test.sip2sip.info  ◐ away');
    expect(r.stdout).toContain('name: Adrian Georgescu');
    const json = await decodeJson(['pidf-blink.xml']);
    expect(json.kind).toBe('pidf');
    expect(json.summary).toMatchObject({ entity: 'sip:ag@test.sip2sip.info', availability: 'away' });
  });

  it('reads stdin for -', async () => {
    const json = await decodeJson(['-'], fixture('pidf-blink.xml'));
    expect(json.kind).toBe('pidf');
  });

  it('refuses a PIDF document without entity with the codec error', async () => {
    await expectInvalid(['pidf-invalid.xml'], 'PIDF_INVALID');
  });

  it('decodes a SIP NOTIFY and its PIDF body', async () => {
    const json = await decodeJson(['sip-notify-pidf.sip']);
    const message = json.message as Record<string, unknown>;
    expect(message).toMatchObject({ type: 'request', method: 'NOTIFY' });
    expect(message.headers).toContainEqual({ name: 'Event', value: 'presence' });
    expect(message.body).toMatchObject({
      kind: 'pidf',
      summary: { entity: 'sip:alice@example.com', availability: 'busy' },
    });
    const text = await decode(['sip-notify-pidf.sip']);
    expect(text.stdout.split('\n')[0]).toBe('NOTIFY sip:alice@192.0.2.10:54321;transport=tcp;ob SIP/2.0');
  });

  it('decodes a SIP NOTIFY carrying an RLMI multipart body, with each part', async () => {
    const json = await decodeJson(['sip-notify-rlmi.sip']);
    const body = (json.message as { body: { kind: string; notification: { resources: unknown[] } } }).body;
    expect(body.kind).toBe('rls-notification');
    expect(body.notification).toMatchObject({ uri: 'sip:alice-buddies@example.com', version: 7, fullState: true });
    expect(body.notification.resources[0]).toMatchObject({
      uri: 'sip:bob@example.com',
      instances: [{ id: 'ab3', state: 'active', presence: { summary: { notes: ['Working from home'] } } }],
    });
    expect(body.notification.resources[1]).toMatchObject({
      uri: 'sip:carol@example.com',
      instances: [{ state: 'pending' }],
    });
  });

  it('decodes a response without a body', async () => {
    const json = await decodeJson(['sip-200-ok.sip']);
    expect(json.message).toMatchObject({ type: 'response', status: 200, reason: 'OK' });
    expect((json.message as Record<string, unknown>).body).toBeUndefined();
  });

  it('refuses a malformed SIP message and a SIP message with a malformed body', async () => {
    await expectInvalid(['sip-invalid.sip'], 'MISSING_HEADER');
    await expectInvalid(['sip-notify-broken-pidf.sip'], 'PIDF_INVALID');
    // sip-core checks the Request-URI when it is read; decode reads it.
    const badUri = Buffer.from(
      fixture('sip-notify-pidf.sip').toString('utf8').replace('sip:alice@192.0.2.10:54321', 'sip:alice@[::1'),
    );
    const r = await decode(['-'], badUri);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^simplekit: BAD_URI: /);
  });

  it('decodes an RLMI multipart body given its Content-Type', async () => {
    const type = fixture('rls-kamailio.content-type').toString('utf8').trim();
    const json = await decodeJson(['--content-type', type, 'rls-kamailio.multipart']);
    expect(json.kind).toBe('rls-notification');
    const n = json.notification as { resources: { uri: string; instances: { state: string }[] }[] };
    expect(n.resources.map((r) => r.uri)).toEqual([
      'sip:bob@testbed.simplekit.test',
      'sip:carol@testbed.simplekit.test',
      'sip:dave@testbed.simplekit.test',
    ]);
    expect(n.resources[2]?.instances[0]?.state).toBe('pending');
  });

  it('recognises a multipart body by its first boundary when no Content-Type is given', async () => {
    const r = await decode(['rls-kamailio.multipart']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('sip:bob@testbed.simplekit.test  ● available');
  });

  it('refuses a multipart body whose root is not RLMI', async () => {
    await expectInvalid(['rls-invalid.multipart'], 'RLS_ROOT_MISSING');
  });

  it('refuses an unknown --content-type as a usage of bad input', async () => {
    await expectInvalid(['--content-type', 'image/png', 'pidf-blink.xml'], 'CLI_INPUT');
  });

  it('decodes watcherinfo, bare and carried by a NOTIFY, and refuses a malformed one', async () => {
    const json = await decodeJson(['watcherinfo.xml']);
    expect(json).toMatchObject({ kind: 'watcherinfo', document: { version: 0, state: 'full' } });
    const list = (json.document as { lists: { watchers: unknown[] }[] }).lists[0];
    expect(list?.watchers).toEqual([
      { id: 'w1', uri: 'sip:bob@example.com', status: 'pending', event: 'subscribe', displayName: 'Bob' },
      { id: 'w2', uri: 'sip:carol@example.com', status: 'active', event: 'approved' },
    ]);
    const notify = await decodeJson(['sip-notify-winfo.sip']);
    expect((notify.message as { body: { kind: string } }).body.kind).toBe('watcherinfo');
    const text = await decode(['watcherinfo.xml']);
    expect(text.stdout).toContain('sip:bob@example.com "Bob"  pending (subscribe)');
    await expectInvalid(['watcherinfo-invalid.xml'], 'PIDF_INVALID');
  });

  it('decodes a bare RLMI document and refuses a malformed one', async () => {
    const json = await decodeJson(['rlmi.xml']);
    expect(json.list).toMatchObject({ version: 3, fullState: false, resources: [{ uri: 'sip:bob@example.com' }] });
    await expectInvalid(['rlmi-invalid.xml'], 'RLS_RLMI_MALFORMED');
  });

  it('decodes every XCAP application document', async () => {
    expect((await decodeJson(['resource-lists-blink.xml'])).kind).toBe('resource-lists');
    const rls = await decodeJson(['rls-services-blink.xml']);
    expect(rls.kind).toBe('rls-services');
    expect((rls.document as { services: unknown[] }).services[0]).toMatchObject({
      uri: 'sip:alice+presence@example.org',
    });
    const rules = await decodeJson(['pres-rules-blink.xml']);
    expect(rules.kind).toBe('pres-rules');
    expect((rules.document as { rules: { id: string }[] }).rules.map((r) => r.id)).toContain('wp_prs_allow_own');
    const icon = await decodeJson(['pres-content.xml']);
    expect(icon).toMatchObject({
      kind: 'pres-content',
      document: { mimeType: 'image/png', data: { base64: 'iVBORw0KGgo=' } },
    });
    const dir = await decodeJson(['xcap-directory.xml']);
    expect(dir).toMatchObject({
      kind: 'xcap-directory',
      document: { folders: [{ auid: 'resource-lists' }, { auid: 'pres-rules' }] },
    });
    const caps = await decodeJson(['xcap-caps.xml']);
    expect(caps).toMatchObject({
      kind: 'xcap-caps',
      document: { auids: ['resource-lists', 'rls-services', 'pres-rules'] },
    });
    const diff = await decodeJson(['xcap-diff.xml']);
    expect(diff).toMatchObject({
      kind: 'xcap-diff',
      document: { xcapRoot: 'http://127.0.0.1:5071/xcap-root', documents: [{ previousEtag: 'e1', newEtag: 'e2' }] },
    });
    const error = await decodeJson(['xcap-error.xml']);
    expect(error).toMatchObject({ kind: 'xcap-error', conditions: [{ kind: 'uniqueness-failure' }] });
  });

  it('refuses a malformed xcap-diff document', async () => {
    await expectInvalid(['xcap-diff-invalid.xml'], 'XCAP_PATCH');
  });

  it('refuses malformed XCAP application documents with their codec error', async () => {
    await expectInvalid(['pres-content-invalid.xml'], 'XCAP_PARSE');
    await expectInvalid(['rls-services-invalid.xml'], 'XCAP_PARSE');
    await expectInvalid(['resource-lists-invalid.xml'], 'XML_MALFORMED');
  });

  it("shows the lists of a resource-lists document and Blink's address book in it", async () => {
    const r = await decode(['resource-lists-blink.xml']);
    expect(r.stdout).toContain('list oma_buddylist\n  entry sip:alice@example.org\n');
    expect(r.stdout).toContain(
      '  group Work #g1\n    Alice  subscribe allow  #c1\n      * sip:alice@example.org (SIP)\n',
    );
    const json = await decodeJson(['resource-lists-blink.xml']);
    const book = json.addressBook as { contacts: unknown[]; groups: unknown[] };
    expect(book.groups).toEqual([{ id: 'g1', name: 'Work', contactIds: ['c1'] }]);
    expect(book.contacts[0]).toMatchObject({
      id: 'c1',
      name: 'Alice',
      uris: [{ id: 'u1', uri: 'sip:alice@example.org', type: 'SIP', default: true }],
      presence: { policy: 'allow', subscribe: true },
    });
  });

  it('decodes a trace file, each message with its body', async () => {
    const json = await decodeJson(['trace.txt']);
    const records = json.records as Record<string, unknown>[];
    expect(records.map((r) => r.kind)).toEqual(['note', 'message', 'message', 'message', 'message', 'message']);
    expect(records[1]).toMatchObject({ direction: 'sent', transport: 'tcp', message: { method: 'REGISTER' } });
    expect(records[2]).toMatchObject({ direction: 'received', message: { status: 401 } });
    expect(records[3]).toMatchObject({ message: { method: 'NOTIFY', body: { kind: 'pidf' } } });
    expect(records[4]).toMatchObject({
      protocol: 'xcap',
      http: { startLine: 'GET /xcap-root/xcap-caps/global/index HTTP/1.1' },
    });
    expect(records[5]).toMatchObject({
      protocol: 'xcap',
      direction: 'received',
      http: { body: { kind: 'xcap-caps' } },
    });
    const text = await decode(['trace.txt']);
    expect(text.stdout).toContain('→ sent tcp 127.0.0.1:40000 -> 127.0.0.1:5060  REGISTER sip:example.com SIP/2.0');
  });

  it('refuses a trace whose message is cut short', async () => {
    await expectInvalid(['trace-invalid.txt'], 'CLI_DECODE');
  });

  it('refuses unknown, truncated, empty and missing input with one line', async () => {
    await expectInvalid(['unknown-root.xml'], 'CLI_DECODE');
    await expectInvalid(['xml-truncated.xml'], 'XML_MALFORMED');
    await expectInvalid(['garbage.txt'], 'CLI_DECODE');
    await expectInvalid(['no-such-file.xml'], 'CLI_INPUT');
    const empty = await decode(['-'], new Uint8Array());
    expect(empty.status).toBe(1);
    expect(empty.stderr).toBe('simplekit: CLI_DECODE: the input is empty\n');
  });
});

import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli } from './test-support/run-cli.js';

const fixtures = fileURLToPath(new URL('../test/fixtures/', import.meta.url));

beforeAll(async () => {
  await buildCli();
}, 180_000);

async function decode(args: string[]) {
  return runCli(['decode', ...args], { cwd: fixtures });
}

describe('the simplekit binary: decode', () => {
  it.each([
    ['sip-notify-pidf.sip', 'sip'],
    ['sip-notify-rlmi.sip', 'sip'],
    ['sip-notify-winfo.sip', 'sip'],
    ['sip-200-ok.sip', 'sip'],
    ['pidf-blink.xml', 'pidf'],
    ['watcherinfo.xml', 'watcherinfo'],
    ['rlmi.xml', 'rlmi'],
    ['rls-kamailio.multipart', 'rls-notification'],
    ['resource-lists-blink.xml', 'resource-lists'],
    ['rls-services-blink.xml', 'rls-services'],
    ['pres-rules-blink.xml', 'pres-rules'],
    ['pres-content.xml', 'pres-content'],
    ['xcap-directory.xml', 'xcap-directory'],
    ['xcap-caps.xml', 'xcap-caps'],
    ['xcap-error.xml', 'xcap-error'],
    ['xcap-diff.xml', 'xcap-diff'],
    ['trace.txt', 'trace'],
  ])('decodes %s as %s, readable and as JSON', async (file, kind) => {
    const text = await decode([file]);
    expect(text.status).toBe(0);
    expect(text.stderr).toBe('');
    expect(text.stdout.length).toBeGreaterThan(0);
    expect(text.stdout).not.toContain('\u001b[');
    const json = await decode(['--json', file]);
    expect(json.status).toBe(0);
    expect((JSON.parse(json.stdout) as { kind: string }).kind).toBe(kind);
  });

  it('decodes an RLMI multipart body with --content-type from stdin', async () => {
    const r = await runCli(
      [
        'decode',
        '--json',
        '--content-type',
        'multipart/related;type="application/rlmi+xml";boundary="UniqueBoundary50ff"',
        '-',
      ],
      { input: 'x' },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^simplekit: RLS_\w+: /);
  });

  it.each([
    ['sip-invalid.sip', 'MISSING_HEADER'],
    ['sip-notify-broken-pidf.sip', 'PIDF_INVALID'],
    ['pidf-invalid.xml', 'PIDF_INVALID'],
    ['watcherinfo-invalid.xml', 'PIDF_INVALID'],
    ['rlmi-invalid.xml', 'RLS_RLMI_MALFORMED'],
    ['rls-invalid.multipart', 'RLS_ROOT_MISSING'],
    ['trace-invalid.txt', 'CLI_DECODE'],
    ['xcap-diff-invalid.xml', 'XCAP_PATCH'],
    ['pres-content-invalid.xml', 'XCAP_PARSE'],
    ['rls-services-invalid.xml', 'XCAP_PARSE'],
    ['resource-lists-invalid.xml', 'XML_MALFORMED'],
    ['unknown-root.xml', 'CLI_DECODE'],
    ['xml-truncated.xml', 'XML_MALFORMED'],
    ['garbage.txt', 'CLI_DECODE'],
    ['missing.xml', 'CLI_INPUT'],
  ])('refuses %s with exit 1 and one line (%s)', async (file, code) => {
    const r = await decode([file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^simplekit: ${code}: [^\\n]*\\n$`));
  });

  it('exits 2 on a usage error and 0 on --help', async () => {
    expect((await runCli(['decode', '--bogus'])).status).toBe(2);
    const help = await runCli(['decode', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: simplekit decode');
  });

  it('prints a stack trace only with SIMPLEKIT_DEBUG=1', async () => {
    const r = await runCli(['decode', 'garbage.txt'], { cwd: fixtures, env: { SIMPLEKIT_DEBUG: '1' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('    at ');
  });
});

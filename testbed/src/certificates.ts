import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from './run-command.js';

// P-256 keys: generated at once, where RSA 2048 takes a noticeable part of a testbed's start on a busy machine.
const KEY_OPTIONS = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];

/** Paths of a PEM key and certificate made by openssl. */
export interface CertificateFiles {
  readonly key: string;
  readonly crt: string;
}

/**
 * A self-signed certificate in `dir` named `<name>.key`/`<name>.crt`. With `ca` it is a CA that can sign others;
 * without, it is a leaf for `subjectAltName` that nobody trusts (what refusal tests need).
 */
export async function createSelfSigned(
  dir: string,
  name: string,
  options: { readonly subject: string; readonly days: number; readonly ca?: boolean; readonly subjectAltName?: string },
): Promise<CertificateFiles> {
  const files = { key: join(dir, `${name}.key`), crt: join(dir, `${name}.crt`) };
  const extensions = options.ca
    ? ['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']
    : options.subjectAltName
      ? ['-addext', `subjectAltName=${options.subjectAltName}`]
      : [];
  await runCommand('openssl', [
    'req',
    '-x509',
    ...KEY_OPTIONS,
    '-nodes',
    '-sha256',
    '-days',
    String(options.days),
    '-subj',
    options.subject,
    '-keyout',
    files.key,
    '-out',
    files.crt,
    ...extensions,
  ]);
  return files;
}

/**
 * A server certificate in `dir` (`<name>.key`/`<name>.crt`) signed by `ca`, for `subjectAltName` (openssl syntax,
 * e.g. `DNS:example.test,IP:127.0.0.1`). A negative `days` gives a certificate that expired before it began
 * (OpenSSL 3 puts notAfter before notBefore).
 */
export async function issueServerCertificate(
  dir: string,
  name: string,
  ca: CertificateFiles,
  options: { readonly commonName: string; readonly subjectAltName: string; readonly days: number },
): Promise<CertificateFiles> {
  const files = { key: join(dir, `${name}.key`), crt: join(dir, `${name}.crt`) };
  const csr = join(dir, `${name}.csr`);
  const ext = join(dir, `${name}.ext`);
  await runCommand('openssl', [
    'req',
    ...KEY_OPTIONS,
    '-nodes',
    '-sha256',
    '-subj',
    `/CN=${options.commonName}`,
    '-keyout',
    files.key,
    '-out',
    csr,
  ]);
  await writeFile(
    ext,
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=digitalSignature',
      'extendedKeyUsage=serverAuth',
      `subjectAltName=${options.subjectAltName}`,
      '',
    ].join('\n'),
  );
  await runCommand('openssl', [
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    ca.crt,
    '-CAkey',
    ca.key,
    '-CAcreateserial',
    '-days',
    String(options.days),
    '-sha256',
    '-extfile',
    ext,
    '-out',
    files.crt,
  ]);
  return files;
}

/**
 * Creates a throw-away CA and a server certificate signed by it, valid for the test domain, `localhost` and
 * 127.0.0.1, so clients verify TLS for real instead of switching verification off.
 */
export async function generateCertificates(runDir: string, domain: string): Promise<{ caFile: string }> {
  const ca = await createSelfSigned(runDir, 'ca', { subject: '/CN=SimpleKit Testbed CA', days: 30, ca: true });
  await issueServerCertificate(runDir, 'server', ca, {
    commonName: domain,
    subjectAltName: `DNS:${domain},DNS:localhost,IP:127.0.0.1`,
    days: 30,
  });
  return { caFile: ca.crt };
}

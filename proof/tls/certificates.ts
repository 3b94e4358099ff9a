// Throw-away certificates for TLS refusal tests, made with the openssl CLI (as the testbed does): a trusted CA,
// a good server certificate, one for the wrong name, an expired one and a self-signed one the client does not trust.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface KeyPair {
  readonly key: string;
  readonly cert: string;
}

export interface TestCertificates {
  /** PEM of the CA the client trusts. */
  readonly caPem: string;
  /** Signed by the CA for `domain` (SAN DNS), valid now. */
  readonly good: KeyPair;
  /** Signed by the CA, valid now, but for `other.invalid` only. */
  readonly wrongName: KeyPair;
  /** Signed by the CA for `domain`, but its validity ended before it began (`-days -1`). */
  readonly expired: KeyPair;
  /** For `domain`, signed by itself: not in the client's CA list. */
  readonly selfSigned: KeyPair;
  dispose(): Promise<void>;
}

async function openssl(args: readonly string[]): Promise<void> {
  await run('openssl', [...args], { timeout: 30_000 });
}

export async function makeTestCertificates(domain: string): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'simplekit-tls-proof-'));
  const path = (name: string): string => join(dir, name);
  await openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-sha256',
    '-days',
    '2',
    '-subj',
    '/CN=SimpleKit Proof CA',
    '-keyout',
    path('ca.key'),
    '-out',
    path('ca.crt'),
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);

  async function signed(name: string, san: string, days: string): Promise<KeyPair> {
    await openssl([
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-sha256',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      path(`${name}.key`),
      '-out',
      path(`${name}.csr`),
    ]);
    await writeFile(
      path(`${name}.ext`),
      `basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=${san}\n`,
    );
    await openssl([
      'x509',
      '-req',
      '-in',
      path(`${name}.csr`),
      '-CA',
      path('ca.crt'),
      '-CAkey',
      path('ca.key'),
      '-CAcreateserial',
      '-days',
      days,
      '-sha256',
      '-extfile',
      path(`${name}.ext`),
      '-out',
      path(`${name}.crt`),
    ]);
    return { key: await readFile(path(`${name}.key`), 'utf8'), cert: await readFile(path(`${name}.crt`), 'utf8') };
  }

  const good = await signed('good', `DNS:${domain}`, '2');
  const wrongName = await signed('wrong-name', 'DNS:other.invalid', '2');
  // OpenSSL 3.0 takes a negative day count: notAfter lands a day before notBefore, so the certificate is expired.
  const expired = await signed('expired', `DNS:${domain}`, '-1');
  await openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-sha256',
    '-days',
    '2',
    '-subj',
    `/CN=${domain}`,
    '-addext',
    `subjectAltName=DNS:${domain}`,
    '-keyout',
    path('self.key'),
    '-out',
    path('self.crt'),
  ]);
  const selfSigned = { key: await readFile(path('self.key'), 'utf8'), cert: await readFile(path('self.crt'), 'utf8') };
  return {
    caPem: await readFile(path('ca.crt'), 'utf8'),
    good,
    wrongName,
    expired,
    selfSigned,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

// Throw-away certificates for TLS refusal tests, made with the testbed's openssl helpers: a trusted CA, a good server
// certificate, one for the wrong name, an expired one and a self-signed one the client does not trust.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CertificateFiles, createSelfSigned, issueServerCertificate } from '../../testbed/src/certificates.js';

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

async function read(files: CertificateFiles): Promise<KeyPair> {
  return { key: await readFile(files.key, 'utf8'), cert: await readFile(files.crt, 'utf8') };
}

export async function makeTestCertificates(domain: string): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'simplekit-tls-proof-'));
  const ca = await createSelfSigned(dir, 'ca', { subject: '/CN=SimpleKit Proof CA', days: 2, ca: true });
  const leaf = (name: string, subjectAltName: string, days: number) =>
    issueServerCertificate(dir, name, ca, { commonName: name, subjectAltName, days }).then(read);
  const good = await leaf('good', `DNS:${domain}`, 2);
  const wrongName = await leaf('wrong-name', 'DNS:other.invalid', 2);
  const expired = await leaf('expired', `DNS:${domain}`, -1);
  const selfSigned = await read(
    await createSelfSigned(dir, 'self', { subject: `/CN=${domain}`, days: 2, subjectAltName: `DNS:${domain}` }),
  );
  return {
    caPem: await readFile(ca.crt, 'utf8'),
    good,
    wrongName,
    expired,
    selfSigned,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

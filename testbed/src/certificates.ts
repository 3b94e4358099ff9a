import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from './run-command.js';

/**
 * Creates a throw-away CA and a server certificate signed by it, valid for the test domain, `localhost` and
 * 127.0.0.1, so clients verify TLS for real instead of switching verification off.
 */
export async function generateCertificates(runDir: string, domain: string): Promise<{ caFile: string }> {
  const ca = { key: join(runDir, 'ca.key'), crt: join(runDir, 'ca.crt') };
  const server = { key: join(runDir, 'server.key'), csr: join(runDir, 'server.csr'), crt: join(runDir, 'server.crt') };
  const ext = join(runDir, 'server.ext');
  await runCommand('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-sha256',
    '-days',
    '30',
    '-subj',
    '/CN=SimpleKit Testbed CA',
    '-keyout',
    ca.key,
    '-out',
    ca.crt,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await runCommand('openssl', [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-sha256',
    '-subj',
    `/CN=${domain}`,
    '-keyout',
    server.key,
    '-out',
    server.csr,
  ]);
  await writeFile(
    ext,
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      `subjectAltName=DNS:${domain},DNS:localhost,IP:127.0.0.1`,
      '',
    ].join('\n'),
  );
  await runCommand('openssl', [
    'x509',
    '-req',
    '-in',
    server.csr,
    '-CA',
    ca.crt,
    '-CAkey',
    ca.key,
    '-CAcreateserial',
    '-days',
    '30',
    '-sha256',
    '-extfile',
    ext,
    '-out',
    server.crt,
  ]);
  return { caFile: ca.crt };
}

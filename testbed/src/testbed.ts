import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateCertificates } from './certificates.js';
import { startDatabaseServer, stopDatabaseServer } from './database-server.js';
import { createPresenceDatabase, createSubscriberDatabase, SUBSCRIBER_DATABASE } from './databases.js';
import type { TestbedInfo, TestbedUser } from './info.js';
import { renderKamailioConfig, renderTlsConfig } from './kamailio-config.js';
import { spawnKamailio, waitUntilReady } from './kamailio-process.js';
import { findFreePorts } from './ports.js';
import { isAlive, stopProcessGroup } from './process-group.js';
import { TestbedError } from './run-command.js';

export const DEFAULT_DOMAIN = 'simplekit.test';
export const NAMED_USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'] as const;
const INFO_FILE = 'testbed.json';

export interface StartOptions {
  /** Folder for this instance; a fresh temporary one by default. An instance already running there is stopped. */
  readonly runDir?: string;
  readonly domain?: string;
  readonly digestAlgorithm?: 'MD5' | 'SHA-256';
  /** Extra numbered users `user001` … for load tests, besides the named ones. */
  readonly extraUsers?: number;
  readonly startTimeoutMs?: number;
}

function findModulesDir(): string {
  const fromEnv = process.env.SIMPLEKIT_KAMAILIO_MODULES;
  if (fromEnv) return fromEnv;
  for (const triplet of readdirSync('/usr/lib')) {
    const candidate = join('/usr/lib', triplet, 'kamailio', 'modules');
    if (existsSync(join(candidate, 'presence.so'))) return candidate;
  }
  throw new TestbedError(
    'TESTBED_KAMAILIO_MISSING',
    'Kamailio modules not found: apt-get install kamailio kamailio-presence-modules kamailio-xml-modules ' +
      'kamailio-mysql-modules kamailio-tls-modules',
  );
}

function makeUsers(domain: string, extra: number): TestbedUser[] {
  const names = [...NAMED_USERS, ...Array.from({ length: extra }, (_, i) => `user${String(i + 1).padStart(3, '0')}`)];
  return names.map((username) => ({
    username,
    password: randomBytes(9).toString('base64url'),
    aor: `sip:${username}@${domain}`,
  }));
}

/** Reads the coordinates of the instance in `runDir`, or undefined when none was started there. */
export async function readTestbedInfo(runDir: string): Promise<TestbedInfo | undefined> {
  try {
    return JSON.parse(await readFile(join(runDir, INFO_FILE), 'utf8')) as TestbedInfo;
  } catch {
    return undefined;
  }
}

/** Stops the instance of `runDir` (all its processes, even after a crash of the main one). Safe to call twice. */
export async function stopTestbed(runDir: string): Promise<boolean> {
  const info = await readTestbedInfo(runDir);
  if (!info) return false;
  // A start-up that failed before Kamailio ran leaves pid 0 (and signalling group 0 would hit our own group).
  if (info.pid > 0) await stopProcessGroup(info.pid);
  // Files written by an older testbed have no database entry.
  if (info.database) await stopDatabaseServer(info.database.pid);
  await rm(join(runDir, INFO_FILE), { force: true });
  return true;
}

async function launch(runDir: string, options: StartOptions): Promise<TestbedInfo> {
  const domain = options.domain ?? DEFAULT_DOMAIN;
  const digestAlgorithm = options.digestAlgorithm ?? 'MD5';
  const users = makeUsers(domain, options.extraUsers ?? 0);
  const [sipTcpPort, sipTlsPort, xcapPort, internalPort, databasePort] = (await findFreePorts(5)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const { caFile } = await generateCertificates(runDir, domain);
  const database = await startDatabaseServer(runDir, databasePort);
  // Recorded at once so that `stop` ends the database even if the rest of the start-up fails.
  await writeFile(join(runDir, INFO_FILE), `${JSON.stringify({ runDir, pid: 0, database })}\n`, { mode: 0o600 });
  await createPresenceDatabase(database);
  const subscriberDatabaseUrl = await createSubscriberDatabase(runDir, domain, users);
  const layout = {
    databaseUrl: database.url,
    subscriberDatabaseUrl,
    runDir,
    domain,
    sipTcpPort,
    sipTlsPort,
    xcapPort,
    internalPort,
    digestAlgorithm,
    modulesDir: findModulesDir(),
  };
  await writeFile(join(runDir, 'tls.cfg'), renderTlsConfig(runDir));
  const configFile = join(runDir, 'kamailio.cfg');
  await writeFile(configFile, renderKamailioConfig(layout));
  const pid = spawnKamailio(configFile, join(runDir, 'kamailio.log'));
  const info: TestbedInfo = {
    domain,
    host: '127.0.0.1',
    sip: { tcpPort: sipTcpPort, tlsPort: sipTlsPort },
    xcap: { root: `http://127.0.0.1:${xcapPort}/xcap-root`, port: xcapPort },
    caFile,
    caPem: await readFile(caFile, 'utf8'),
    users,
    pid,
    runDir,
    digestAlgorithm,
    database: { pid: database.pid, port: database.port },
  };
  // Written before the wait so that `stop` finds the process group even if start-up fails half-way.
  await writeFile(join(runDir, INFO_FILE), `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  try {
    await waitUntilReady(pid, sipTcpPort, options.startTimeoutMs ?? 20_000);
  } catch (error) {
    await stopTestbed(runDir);
    const log = await readFile(join(runDir, 'kamailio.log'), 'utf8').catch(() => '');
    throw new TestbedError(
      'TESTBED_START_FAILED',
      `Kamailio did not start; last log lines:\n${log.split('\n').slice(-25).join('\n')}`,
      {
        cause: error,
      },
    );
  }
  return info;
}

/**
 * Starts a Kamailio SIP SIMPLE server on 127.0.0.1 with fresh databases, certificates and random passwords. A
 * previous instance in the same folder is stopped first, so starting twice never leaves two servers behind.
 */
export async function startTestbed(options: StartOptions = {}): Promise<TestbedInfo> {
  const runDir = options.runDir ? resolve(options.runDir) : await mkdtemp(join(tmpdir(), 'simplekit-testbed-'));
  await stopTestbed(runDir);
  for (const entry of ['mariadb', 'mariadb.sock', 'mariadb.pid', SUBSCRIBER_DATABASE]) {
    await rm(join(runDir, `${entry}-wal`), { force: true });
    await rm(join(runDir, `${entry}-shm`), { force: true });
    await rm(join(runDir, entry), { recursive: true, force: true });
  }
  await mkdir(runDir, { recursive: true, mode: 0o700 });
  // A port picked as free can be taken before Kamailio binds it; a second try picks new ones.
  try {
    return await launch(runDir, options);
  } catch (error) {
    if (
      error instanceof TestbedError &&
      error.code === 'TESTBED_START_FAILED' &&
      /bind|Address already in use/i.test(error.message)
    ) {
      return launch(runDir, options);
    }
    throw error;
  }
}

/** Stops and starts the server of a running instance in place: same ports, same databases (for restart tests). */
export async function restartTestbed(info: TestbedInfo, downtimeMs = 0): Promise<TestbedInfo> {
  await stopProcessGroup(info.pid);
  if (downtimeMs > 0) await new Promise((r) => setTimeout(r, downtimeMs));
  const pid = spawnKamailio(join(info.runDir, 'kamailio.cfg'), join(info.runDir, 'kamailio.log'));
  const next = { ...info, pid };
  await writeFile(join(info.runDir, INFO_FILE), `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  await waitUntilReady(pid, info.sip.tcpPort, 20_000);
  return next;
}

export { isAlive };

import { existsSync } from 'node:fs';
import { cp, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnDetached, stopProcessGroup } from './process-group.js';
import { runCommand, TestbedError } from './run-command.js';
import { waitUntilAnswering } from './wait-ready.js';

export const MARIADBD_BINARY = process.env.SIMPLEKIT_MARIADBD ?? '/usr/sbin/mariadbd';
export const MARIADB_INSTALL_DB = process.env.SIMPLEKIT_MARIADB_INSTALL_DB ?? '/usr/bin/mariadb-install-db';
export const MARIADB_CLIENT = process.env.SIMPLEKIT_MARIADB_CLIENT ?? '/usr/bin/mariadb';
export const DATABASE_NAME = 'kamailio';

/** A private MariaDB server of one testbed instance, listening on 127.0.0.1 only. */
export interface DatabaseServer {
  readonly pid: number;
  readonly port: number;
  /** The db_url Kamailio's modules use. */
  readonly url: string;
}

const DATA_DIR = 'mariadb';

/**
 * Options shared by the bootstrap and the server. Durability is traded for speed (a testbed's data lives as long as
 * the testbed), the InnoDB redo log is kept small so that an instance costs tens of megabytes, not a hundred.
 */
function serverOptions(dataDir: string): string[] {
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
  return [
    '--no-defaults',
    `--datadir=${dataDir}`,
    ...asRoot,
    '--innodb-log-file-size=8M',
    '--innodb-buffer-pool-size=32M',
    '--innodb-flush-log-at-trx-commit=0',
    '--innodb-doublewrite=0',
    '--skip-name-resolve',
  ];
}

/**
 * A data folder as mariadb-install-db leaves it (system tables, no user data), made once per MariaDB build and user
 * in the temporary folder and copied for each instance: the bootstrap takes seconds on a busy machine, a copy of its
 * 26 MB takes milliseconds. Concurrent first starts each bootstrap in a staging folder; one rename wins.
 */
async function bootstrappedDataDir(): Promise<string> {
  const build = await stat(MARIADBD_BINARY);
  const key = `${process.getuid?.() ?? 'user'}-${build.size}-${Math.trunc(build.mtimeMs)}`;
  const template = join(tmpdir(), `simplekit-mariadb-template-${key}`);
  const data = join(template, 'data');
  if (existsSync(join(template, 'complete'))) return data;
  const staging = await mkdtemp(join(tmpdir(), 'simplekit-mariadb-staging-'));
  try {
    await runCommand(MARIADB_INSTALL_DB, [
      ...serverOptions(join(staging, 'data')),
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ]);
    await writeFile(join(staging, 'complete'), '');
    await rename(staging, template).catch(async (error: unknown) => {
      // Another process published its template first: use that one.
      if (!existsSync(join(template, 'complete'))) throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return data;
}

/** The TCP port answers with a MySQL protocol greeting (its first packet), so the server accepts connections. */
function probeGreeting(port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new TestbedError('TESTBED_DATABASE_PROBE', `no MariaDB greeting on 127.0.0.1:${port}`));
    }, timeoutMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once('data', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    });
  });
}

/**
 * Creates a fresh data folder under `runDir` and starts MariaDB on it in a process group of its own (so that a
 * SIGKILL of Kamailio's group leaves the data in place, as a real deployment's database would). Networking is
 * TCP on 127.0.0.1 only, and grant tables are skipped: only this machine's own processes can reach it, and the
 * credentials that matter are the SIP subscribers'.
 */
export async function startDatabaseServer(runDir: string, port: number, timeoutMs = 20_000): Promise<DatabaseServer> {
  if (!existsSync(MARIADBD_BINARY)) {
    throw new TestbedError(
      'TESTBED_DATABASE_MISSING',
      `${MARIADBD_BINARY} not found: apt-get install mariadb-server-core mariadb-client-core kamailio-mysql-modules`,
    );
  }
  const dataDir = join(runDir, DATA_DIR);
  await rm(dataDir, { recursive: true, force: true });
  await cp(await bootstrappedDataDir(), dataDir, { recursive: true });
  const pid = spawnDetached(
    MARIADBD_BINARY,
    [
      ...serverOptions(dataDir),
      '--bind-address=127.0.0.1',
      `--port=${port}`,
      `--socket=${join(runDir, 'mariadb.sock')}`,
      `--pid-file=${join(runDir, 'mariadb.pid')}`,
      '--skip-grant-tables',
      '--skip-log-bin',
      '--max-connections=1000',
    ],
    join(runDir, 'mariadb.log'),
  );
  try {
    await waitUntilAnswering(pid, () => probeGreeting(port, 500), {
      name: 'MariaDB',
      timeoutMs,
      intervalMs: 50,
      exitedCode: 'TESTBED_DATABASE_EXITED',
      timeoutCode: 'TESTBED_DATABASE_TIMEOUT',
    });
  } catch (error) {
    await stopProcessGroup(pid, 1000);
    throw error;
  }
  return { pid, port, url: `mysql://kamailio:kamailio@127.0.0.1:${port}/${DATABASE_NAME}` };
}

/** Runs SQL on the instance's database through the mariadb client. */
export function runSql(server: Pick<DatabaseServer, 'port'>, sql: string, database?: string): Promise<string> {
  const args = ['--no-defaults', '-h', '127.0.0.1', '-P', String(server.port), '-u', 'root', '--batch'];
  return runCommand(MARIADB_CLIENT, database ? [...args, database] : args, sql);
}

/** Stops the server (SIGTERM, then SIGKILL after the grace time). */
export async function stopDatabaseServer(pid: number): Promise<void> {
  // The data has no value after the testbed stops: a short grace time keeps teardown fast.
  await stopProcessGroup(pid, 1500);
}

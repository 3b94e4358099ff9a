import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DATABASE_NAME, type DatabaseServer, runSql } from './database-server.js';
import type { TestbedUser } from './info.js';
import { runCommand } from './run-command.js';

const MYSQL_SCHEMAS = '/usr/share/kamailio/mysql';
const SQLITE_SCHEMAS = '/usr/share/kamailio/db_sqlite';
export const SUBSCRIBER_DATABASE = 'auth.db';

function schema(dir: string, name: string): Promise<string> {
  return readFile(join(dir, `${name}-create.sql`), 'utf8');
}

/** An SQL string literal; both MariaDB (backslash escapes) and SQLite read it the same for these values. */
function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * The subscriber table in an SQLite file of its own. Kamailio only reads it (digest authentication), so SQLite's lack
 * of a busy timeout, which makes concurrent writers fail, does not matter here.
 */
export async function createSubscriberDatabase(
  runDir: string,
  domain: string,
  users: readonly TestbedUser[],
): Promise<string> {
  const file = join(runDir, SUBSCRIBER_DATABASE);
  const subscribers = users.map(
    (u) =>
      `INSERT INTO subscriber (username, domain, password) VALUES (${quote(u.username)}, ${quote(domain)}, ${quote(u.password)});`,
  );
  await runCommand(
    'sqlite3',
    [file],
    [
      'PRAGMA journal_mode=WAL;',
      await schema(SQLITE_SCHEMAS, 'standard'),
      await schema(SQLITE_SCHEMAS, 'auth_db'),
      'BEGIN;',
      ...subscribers,
      'COMMIT;',
      '',
    ].join('\n'),
  );
  return `sqlite://${file}`;
}

/**
 * Creates the tables Kamailio writes while it runs (presentities, watchers, XCAP documents, pua, RLS) in the
 * instance's MariaDB database, where concurrent writers from several worker processes wait for each other.
 */
export async function createPresenceDatabase(server: DatabaseServer): Promise<void> {
  // Debian's rls tables declare `reason` NOT NULL, but rls stores NULL there for every active back-end subscription:
  // the failing inserts would leave the RLS without the state it must notify (and dead after a restart).
  const rls = (await schema(MYSQL_SCHEMAS, 'rls')).replace(/`reason` VARCHAR\(64\) NOT NULL/g, '`reason` VARCHAR(64)');
  // One client run: each start of the mariadb client costs as much as the statements.
  await runSql(
    server,
    [
      `CREATE DATABASE ${DATABASE_NAME} CHARACTER SET utf8mb4;`,
      `USE ${DATABASE_NAME};`,
      await schema(MYSQL_SCHEMAS, 'standard'),
      await schema(MYSQL_SCHEMAS, 'presence'),
      rls,
    ].join('\n'),
  );
}

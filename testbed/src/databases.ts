import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DATABASE_NAME, type DatabaseServer, runSql } from './database-server.js';
import type { TestbedUser } from './info.js';

const MYSQL_SCHEMAS = '/usr/share/kamailio/mysql';

async function schema(name: string): Promise<string> {
  return readFile(join(MYSQL_SCHEMAS, `${name}-create.sql`), 'utf8');
}

function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * Creates Kamailio's tables (subscribers, presence, watchers, XCAP documents, pua, RLS) in one MariaDB database and
 * provisions the subscribers.
 */
export async function createDatabases(
  server: DatabaseServer,
  domain: string,
  users: readonly TestbedUser[],
): Promise<void> {
  // Debian's rls tables declare `reason` NOT NULL, but rls stores NULL there for every active back-end subscription:
  // the failing inserts would leave the RLS without the state it must notify (and dead after a restart).
  const rls = (await schema('rls')).replace(/`reason` VARCHAR\(64\) NOT NULL/g, '`reason` VARCHAR(64)');
  const subscribers = users
    .map(
      (u) =>
        `INSERT INTO subscriber (username, domain, password) VALUES (${quote(u.username)}, ${quote(domain)}, ${quote(u.password)});`,
    )
    .join('\n');
  // One client run: each start of the mariadb client costs as much as the statements.
  await runSql(
    server,
    [
      `CREATE DATABASE ${DATABASE_NAME} CHARACTER SET utf8mb4;`,
      `USE ${DATABASE_NAME};`,
      await schema('standard'),
      await schema('auth_db'),
      await schema('presence'),
      rls,
      subscribers,
    ].join('\n'),
  );
}

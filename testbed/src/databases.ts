import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestbedUser } from './info.js';
import { runCommand } from './run-command.js';

const SQLITE_SCHEMAS = '/usr/share/kamailio/db_sqlite';
const DBTEXT_SCHEMAS = '/usr/share/kamailio/dbtext/kamailio';

async function schema(name: string): Promise<string> {
  return readFile(join(SQLITE_SCHEMAS, `${name}-create.sql`), 'utf8');
}

function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Creates the three SQLite files (subscribers, presence state, XCAP documents) in WAL mode, and the db_text folder
 * that holds the RLS and pua tables.
 */
export async function createDatabases(runDir: string, domain: string, users: readonly TestbedUser[]): Promise<void> {
  const standard = await schema('standard');
  const presence = await schema('presence');
  const subscribers = users
    .map(
      (u) =>
        `INSERT INTO subscriber (username, domain, password) VALUES (${quote(u.username)}, ${quote(domain)}, ${quote(u.password)});`,
    )
    .join('\n');
  const files: Array<[string, string]> = [
    ['auth.db', `${standard}\n${await schema('auth_db')}\n${subscribers}`],
    ['presence.db', `${standard}\n${presence}`],
    ['xcap.db', `${standard}\n${presence}`],
  ];
  for (const [file, sql] of files) {
    await runCommand('sqlite3', [join(runDir, file)], `PRAGMA journal_mode=WAL;\n${sql}\n`);
  }
  const dbtext = join(runDir, 'dbtext');
  await mkdir(dbtext, { recursive: true });
  for (const table of ['version', 'pua']) {
    await copyFile(join(DBTEXT_SCHEMAS, table), join(dbtext, table));
  }
  // Debian's rls tables declare `reason` NOT NULL, but rls stores NULL there for every active back-end subscription:
  // the failing writes leave the RLS without the state it must notify (and dead after a restart).
  for (const table of ['rls_presentity', 'rls_watchers']) {
    const schema = await readFile(join(DBTEXT_SCHEMAS, table), 'utf8');
    await writeFile(join(dbtext, table), schema.replace('reason(string)', 'reason(string,null)'));
  }
}

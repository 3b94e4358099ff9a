// Run by journal.test.ts in a child process: records one edit, says so, then waits to be killed before it would
// send anything (the moment between the journal write and the PUT).

import { openJournal } from '../journal/journal.js';
import { createFileStorage } from '../storage/account-storage.js';

const [configDir, stateDir, label] = process.argv.slice(2);
if (configDir === undefined || stateDir === undefined || label === undefined) process.exit(2);
const files = createFileStorage({ config: configDir, state: stateDir }).stateOf('alice@example.com');
const journal = await openJournal({
  files,
  validate: (v) => v,
  now: () => 1,
});
await journal.append({ op: 'addContact', label });
process.stdout.write('journaled\n');
setInterval(() => undefined, 1000);

// Run by the kill -9 integration test in a child process: records a contact edit through the engine (journal
// write, nothing sent yet: the engine is not started), says so, then waits to be killed.
import { createAccount } from '../engine/account.js';
import { createStaticHostInfo } from '../host/host-info.js';
import { createFileStorage } from '../storage/account-storage.js';

const [configDir, stateDir, address, password, xcapRoot, name, uri] = process.argv.slice(2);
if (!configDir || !stateDir || !address || !password || !xcapRoot || !name || !uri) process.exit(2);
const account = createAccount(
  { address, password, xcapRoot },
  {
    storage: createFileStorage({ config: configDir, state: stateDir }),
    hostInfo: createStaticHostInfo({ description: 'child', userAgent: 'SimpleKit test child' }),
  },
);
await account.addContact({ name, uris: [{ uri, type: 'SIP' }] });
process.stdout.write('journaled\n');
setInterval(() => undefined, 1000);

import { randomUUID } from 'node:crypto';
import type { StateFiles } from '../storage/account-storage.js';

/**
 * The RFC 5626 §4.1 `+sip.instance` URN of this installation: created once and kept in the account's state area,
 * so that the registrar, the GRUU (RFC 5627) and the published device id stay the same across restarts.
 */
export async function loadInstanceId(files: StateFiles): Promise<string> {
  const stored = await files.read('instance-id');
  const text = stored ? new TextDecoder().decode(stored).trim() : '';
  if (/^urn:uuid:[0-9a-f-]{36}$/i.test(text)) return text;
  const created = `urn:uuid:${randomUUID()}`;
  await files.write('instance-id', created);
  return created;
}

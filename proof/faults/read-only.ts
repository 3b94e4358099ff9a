// Makes one folder read-only for real, the way a full or failing disk remounted read-only looks to a process: a bind
// mount of the folder onto itself, remounted `ro` (Linux, root). `chmod` would not do: root writes through modes.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ReadOnlyFolder {
  readonly folder: string;
  /** Makes the folder writable again (unmounts the read-only bind mount). Safe to call twice. */
  restore(): Promise<void>;
}

/**
 * Remounts `folder` read-only in place. Resolves `undefined` when this sandbox does not allow mounts (not root, no
 * CAP_SYS_ADMIN): the caller then injects EROFS another way.
 */
export async function mountReadOnly(folder: string): Promise<ReadOnlyFolder | undefined> {
  try {
    await run('mount', ['--bind', folder, folder], { timeout: 5_000 });
  } catch {
    return undefined;
  }
  try {
    await run('mount', ['-o', 'remount,ro,bind', folder], { timeout: 5_000 });
  } catch {
    await run('umount', [folder], { timeout: 5_000 }).catch(() => undefined);
    return undefined;
  }
  let mounted = true;
  return {
    folder,
    async restore() {
      if (!mounted) return;
      await run('umount', [folder], { timeout: 5_000 });
      mounted = false;
    },
  };
}

import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AccountStorageError } from '../errors.js';

export interface AtomicWriteOptions {
  /** File mode of the new file; `0o600` for anything holding a secret. Default `0o644`. */
  readonly mode?: number;
}

async function fsyncDirectory(dir: string): Promise<void> {
  // The rename is only durable once the directory entry is on disk (POSIX leaves it to fsync of the directory).
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `path` with `data` so that a crash at any moment leaves either the old or the new content, never a mix:
 * write a temporary file in the same directory, fsync it, rename it over the target, fsync the directory.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}) {
  const dir = dirname(path);
  const mode = options.mode ?? 0o644;
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // `wx`: never follow or reuse an existing file; the mode applies from creation, so a secret is never readable.
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.chmod(mode); // the umask may have narrowed or widened nothing we rely on; make it exact
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    await fsyncDirectory(dir);
  } catch (cause) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new AccountStorageError(path, 'atomic write failed', { cause });
  }
}

/** The file's content, or `undefined` when it does not exist. */
export async function readFileIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (cause) {
    if (isErrnoException(cause) && cause.code === 'ENOENT') return undefined;
    throw new AccountStorageError(path, 'read failed', { cause });
  }
}

/** Removes a file (no error when it is already gone) and makes the removal durable. */
export async function removeFile(path: string): Promise<void> {
  try {
    await rm(path, { force: true });
    await fsyncDirectory(dirname(path)).catch((cause: unknown) => {
      if (!(isErrnoException(cause) && cause.code === 'ENOENT')) throw cause;
    });
  } catch (cause) {
    throw new AccountStorageError(path, 'remove failed', { cause });
  }
}

/** Tightens a file's mode (used when a secret file is found with a wider one). */
export async function restrictMode(path: string, mode: number): Promise<void> {
  try {
    await chmod(path, mode);
  } catch (cause) {
    throw new AccountStorageError(path, 'chmod failed', { cause });
  }
}

export function isErrnoException(value: unknown): value is NodeJS.ErrnoException {
  return value instanceof Error && typeof (value as NodeJS.ErrnoException).code === 'string';
}

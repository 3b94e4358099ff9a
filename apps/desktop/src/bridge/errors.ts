/** Stable codes of the desktop app's errors. */
export type DesktopErrorCode =
  | 'DESKTOP_BAD_MESSAGE'
  | 'DESKTOP_BAD_REQUEST'
  | 'DESKTOP_UNAUTHORISED'
  | 'DESKTOP_DISCONNECTED'
  | 'DESKTOP_NO_ACCOUNT'
  | 'DESKTOP_REFUSED'
  | 'DESKTOP_COMMAND';

/** Base class of every error the desktop app raises; `code` is stable, `remoteCode` carries an engine error's. */
export class DesktopError extends Error {
  override readonly name: string = 'DesktopError';
  readonly code: DesktopErrorCode;
  constructor(code: DesktopErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** A command failed on the host; `remoteCode` is the engine's error code (e.g. `ACCOUNT_CONFIG`). */
export class DesktopCommandError extends DesktopError {
  override readonly name = 'DesktopCommandError';
  readonly remoteCode: string;
  constructor(remoteCode: string, message: string) {
    super('DESKTOP_COMMAND', message);
    this.remoteCode = remoteCode;
  }
}

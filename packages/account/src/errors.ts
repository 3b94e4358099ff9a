/** Stable error codes of `@simplekit/account`; apps branch on these, never on classes or messages. */
export type AccountErrorCode =
  | 'ACCOUNT_ERROR'
  | 'ACCOUNT_CONFIG'
  | 'ACCOUNT_STORAGE'
  | 'ACCOUNT_JOURNAL'
  | 'ACCOUNT_STATE'
  | 'ACCOUNT_NOT_FOUND'
  | 'ACCOUNT_ICON'
  | 'ACCOUNT_STOPPED';

/** Base class of every error this package throws. */
export class AccountError extends Error {
  readonly code: AccountErrorCode;
  override readonly name: string = 'AccountError';
  constructor(code: AccountErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** An account configuration that cannot be used (bad SIP address, unknown transport, missing password source). */
export class AccountConfigError extends AccountError {
  override readonly name = 'AccountConfigError';
  readonly field: string;
  constructor(field: string, message: string) {
    super('ACCOUNT_CONFIG', `${field}: ${message}`);
    this.field = field;
  }
}

/** A file under the XDG directories could not be read or written, or holds something unreadable. */
export class AccountStorageError extends AccountError {
  override readonly name = 'AccountStorageError';
  readonly path: string;
  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super('ACCOUNT_STORAGE', `${path}: ${message}`, options);
    this.path = path;
  }
}

/** The journal of pending edits is corrupt or an entry cannot be recorded. */
export class AccountJournalError extends AccountError {
  override readonly name = 'AccountJournalError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('ACCOUNT_JOURNAL', message, options);
  }
}

/** A command that contradicts the current state (unknown contact id, duplicate group name, …). */
export class AccountStateError extends AccountError {
  override readonly name = 'AccountStateError';
  constructor(message: string) {
    super('ACCOUNT_STATE', message);
  }
}

/** A contact icon that was refused (too large, not an image type we accept) or could not be fetched. */
export class AccountIconError extends AccountError {
  override readonly name = 'AccountIconError';
  readonly reason: 'too-large' | 'bad-type' | 'fetch-failed';
  constructor(reason: 'too-large' | 'bad-type' | 'fetch-failed', message: string, options?: { cause?: unknown }) {
    super('ACCOUNT_ICON', message, options);
    this.reason = reason;
  }
}

/** A command was issued to an engine that has been stopped. */
export class AccountStoppedError extends AccountError {
  override readonly name = 'AccountStoppedError';
  constructor() {
    super('ACCOUNT_STOPPED', 'the account engine is stopped');
  }
}

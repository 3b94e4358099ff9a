/** Options every account-driven command accepts. Kept apart from the engine so that `--help` loads no engine. */
export const ACCOUNT_OPTIONS = {
  account: {
    type: 'string',
    short: 'a',
    valueName: 'id',
    description: 'the account (default: SIMPLEKIT_ACCOUNT or the only one)',
  },
  timeout: { type: 'string', valueName: 'seconds', description: 'how long to wait for the server (default 20)' },
} as const;

/** Option of the commands that change stored data: record the change only, for the next time the account is online. */
export const LOCAL_OPTION = {
  local: { type: 'boolean', description: 'only record the change locally; it is stored on the server next time' },
} as const;

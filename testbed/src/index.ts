export type { TestbedInfo, TestbedUser } from './info.js';
export { probeSipOverTcp } from './kamailio-process.js';
export { TestbedError } from './run-command.js';
export {
  DEFAULT_DOMAIN,
  NAMED_USERS,
  readTestbedInfo,
  restartTestbed,
  type StartOptions,
  startTestbed,
  stopTestbed,
} from './testbed.js';

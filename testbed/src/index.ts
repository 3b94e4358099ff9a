export type { TestbedInfo, TestbedUser } from './info.js';

import { DEFAULT_XML_LIMITS } from '@simplekit/xml';
import { describe } from 'vitest';
import { itRefusesXmlBombs } from '../../../proof/security/expect-refused.js';
import { PidfError } from './errors.js';
import { parsePresence } from './presence/read.js';
import { parseWatcherInfo } from './watcherinfo/parse.js';

const isPidfError = (error: unknown): boolean => error instanceof PidfError;

describe('XML bombs against every pidf entry point', () => {
  itRefusesXmlBombs({
    name: 'parsePresence',
    root: {
      local: 'presence',
      ns: 'urn:ietf:params:xml:ns:pidf',
      attributes: ' entity="sip:alice@example.com"',
      inner: '<tuple id="t"><status><basic>open</basic></status></tuple>',
    },
    limits: DEFAULT_XML_LIMITS,
    parse: (document) => parsePresence(document),
    bytes: (document) => parsePresence(document),
    isTypedError: isPidfError,
  });
  itRefusesXmlBombs({
    name: 'parseWatcherInfo',
    root: { local: 'watcherinfo', ns: 'urn:ietf:params:xml:ns:watcherinfo', attributes: ' version="0" state="full"' },
    limits: DEFAULT_XML_LIMITS,
    parse: (document) => parseWatcherInfo(document),
    bytes: (document) => parseWatcherInfo(document),
    isTypedError: isPidfError,
  });
});

import { DEFAULT_XML_LIMITS } from '@simplekit/xml';
import { describe } from 'vitest';
import { itRefusesXmlBombs } from '../../../proof/security/expect-refused.js';
import type { XmlRoot } from '../../../proof/security/xml-bombs.js';
import { parsePidfManipulation } from './codecs/pidf-manipulation/pidf-manipulation.js';
import { parsePresContent } from './codecs/pres-content/pres-content.js';
import { parsePresRules } from './codecs/pres-rules/parse.js';
import { parseResourceLists } from './codecs/resource-lists/parse.js';
import { parseRlsServices } from './codecs/rls-services/parse.js';
import { parseXcapCaps } from './codecs/xcap-caps/parse.js';
import { parseXcapDiff } from './codecs/xcap-diff/parse.js';
import { parseXcapDirectory } from './codecs/xcap-directory/parse.js';
import { parseXcapError } from './codecs/xcap-error/parse.js';
import { XcapError } from './errors.js';

const entryPoints: [string, XmlRoot, (document: string | Uint8Array) => unknown][] = [
  [
    'parsePidfManipulation',
    { local: 'presence', ns: 'urn:ietf:params:xml:ns:pidf', attributes: ' entity="sip:alice@example.com"' },
    (d) => parsePidfManipulation(d),
  ],
  [
    'parsePresContent',
    { local: 'content', ns: 'urn:oma:xml:prs:pres-content', inner: '<data>AAAA</data>' },
    parsePresContent,
  ],
  ['parsePresRules', { local: 'ruleset', ns: 'urn:ietf:params:xml:ns:common-policy' }, parsePresRules],
  ['parseResourceLists', { local: 'resource-lists', ns: 'urn:ietf:params:xml:ns:resource-lists' }, parseResourceLists],
  ['parseRlsServices', { local: 'rls-services', ns: 'urn:ietf:params:xml:ns:rls-services' }, parseRlsServices],
  ['parseXcapCaps', { local: 'xcap-caps', ns: 'urn:ietf:params:xml:ns:xcap-caps' }, parseXcapCaps],
  [
    'parseXcapDiff',
    {
      local: 'xcap-diff',
      ns: 'urn:ietf:params:xml:ns:xcap-diff',
      attributes: ' xcap-root="http://127.0.0.1/xcap-root"',
    },
    parseXcapDiff,
  ],
  ['parseXcapDirectory', { local: 'xcap-directory', ns: 'urn:oma:xml:xdm:xcap-directory' }, parseXcapDirectory],
  ['parseXcapError', { local: 'xcap-error', ns: 'urn:ietf:params:xml:ns:xcap-error' }, parseXcapError],
];

describe('XML bombs against every XCAP application codec', () => {
  for (const [name, root, parse] of entryPoints) {
    itRefusesXmlBombs({
      name,
      root,
      limits: DEFAULT_XML_LIMITS,
      parse,
      bytes: parse,
      isTypedError: (error) => error instanceof XcapError,
    });
  }
});

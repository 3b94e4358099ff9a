import { describe } from 'vitest';
import { itRefusesXmlBombs } from '../../../proof/security/expect-refused.js';
import { XmlError } from './errors.js';
import { DEFAULT_XML_LIMITS } from './limits.js';
import { parseXml } from './parse.js';

describe('XML bombs against parseXml', () => {
  itRefusesXmlBombs({
    name: 'parseXml',
    root: { local: 'doc', ns: 'urn:example:doc' },
    limits: DEFAULT_XML_LIMITS,
    parse: (document) => parseXml(document),
    bytes: (document) => parseXml(document),
    isTypedError: (error) => error instanceof XmlError,
  });
});

import { parseXml, serializeXml } from '@simplekit/xml';
import { parseXcapDiff } from '../../codecs/xcap-diff/parse.js';
import { applyPatch } from '../apply.js';

/**
 * Applies the operations written in `ops` (RFC 5261 `<add>`, `<replace>`, `<remove>` in the `d:` prefix, with any
 * extra declarations given in `declarations`) to the document `doc`, and returns the patched document as text.
 */
export function patchText(doc: string, ops: string, declarations = ''): string {
  const diff = parseXcapDiff(
    `<d:xcap-diff xmlns:d="urn:ietf:params:xml:ns:xcap-diff" xcap-root="http://xcap.example.com/" ${declarations}>` +
      `<d:document sel="test/users/sip:joe@example.com/index" previous-etag="1" new-etag="2">${ops}</d:document>` +
      '</d:xcap-diff>',
  );
  const operations = diff.documents[0]?.operations ?? [];
  return serializeXml(applyPatch(parseXml(doc), operations), { xmlDeclaration: false });
}

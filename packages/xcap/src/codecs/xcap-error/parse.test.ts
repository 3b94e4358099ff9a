import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XcapParseError } from '../../errors.js';
import { parseXcapError } from './parse.js';

const body = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><xcap-error xmlns="urn:ietf:params:xml:ns:xcap-error">${inner}</xcap-error>`;

describe('xcap-error (RFC 4825 §11)', () => {
  it('reads no-parent with its ancestor and simple conditions with phrases', () => {
    expect(
      parseXcapError(
        body(
          '<no-parent><ancestor>http://xcap.example.com/root/resource-lists/users/sip:joe@example.com/index/~~/resource-lists</ancestor></no-parent>' +
            '<schema-validation-error phrase="missing uri"/><cannot-delete/><not-well-formed/>',
        ),
      ),
    ).toEqual([
      {
        kind: 'no-parent',
        ancestor: 'http://xcap.example.com/root/resource-lists/users/sip:joe@example.com/index/~~/resource-lists',
      },
      { kind: 'schema-validation-error', phrase: 'missing uri' },
      { kind: 'cannot-delete' },
      { kind: 'not-well-formed' },
    ]);
  });

  it('reads several alt-values and foreign conditions', () => {
    expect(
      parseXcapError(
        body(
          '<uniqueness-failure><exists field="rls-services/service/@uri"><alt-value>sip:a@x</alt-value><alt-value>sip:b@x</alt-value></exists></uniqueness-failure>' +
            '<x:quota xmlns:x="urn:example"/>',
        ),
      ),
    ).toEqual([
      {
        kind: 'uniqueness-failure',
        exists: [{ field: 'rls-services/service/@uri', altValues: ['sip:a@x', 'sip:b@x'] }],
      },
      { kind: 'extension', name: 'quota', namespace: 'urn:example' },
    ]);
  });

  it('throws only XcapParseError on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        try {
          parseXcapError(body(text));
        } catch (error) {
          expect(error).toBeInstanceOf(XcapParseError);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

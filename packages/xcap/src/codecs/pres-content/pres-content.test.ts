import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XcapParseError } from '../../errors.js';
import { parsePresContent, serializePresContent } from './pres-content.js';

describe('OMA pres-content', () => {
  it("reads Blink's status icon document", () => {
    const content = parsePresContent(
      '<?xml version="1.0" encoding="UTF-8"?><content xmlns="urn:oma:xml:prs:pres-content">' +
        '<mime-type>image/png</mime-type><encoding>base64</encoding><description>Alice icon</description>' +
        '<data>iVBORw0K\nGgo=</data></content>',
    );
    expect(content).toEqual({
      data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      mimeType: 'image/png',
      encoding: 'base64',
      description: 'Alice icon',
    });
  });

  it('rejects data that is not base64 and documents without data', () => {
    expect(() => parsePresContent('<content xmlns="urn:oma:xml:prs:pres-content"><data>*</data></content>')).toThrow(
      XcapParseError,
    );
    expect(() => parsePresContent('<content xmlns="urn:oma:xml:prs:pres-content"/>')).toThrow(XcapParseError);
  });

  it('round-trips arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.constantFrom('image/png', 'image/jpeg'), (data, mimeType) => {
        const back = parsePresContent(serializePresContent({ data, mimeType, encoding: 'base64' }));
        expect(back).toEqual({ data, mimeType, encoding: 'base64' });
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});

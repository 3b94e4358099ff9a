import { describe, expect, it } from 'vitest';
import { XmlError, XmlLimitError } from './errors.js';
import { parseXml } from './parse.js';

function failure(run: () => unknown): XmlError {
  try {
    run();
  } catch (error) {
    if (error instanceof XmlError) return error;
    throw error;
  }
  throw new Error('expected an XmlError');
}

describe('hostile input', () => {
  it('rejects the billion laughs before expanding anything', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`,
    ).join('')}]><lolz>&lol9;</lolz>`;
    expect(failure(() => parseXml(lol)).code).toBe('XML_DOCTYPE_FORBIDDEN');
  });

  it('rejects a DOCTYPE in the markup but not the text in comments or CDATA', () => {
    expect(parseXml('<!-- <!DOCTYPE x> --><a><![CDATA[<!DOCTYPE]]></a>').name.local).toBe('a');
    expect(failure(() => parseXml('<?xml version="1.0"?>\n<!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>')).code).toBe(
      'XML_DOCTYPE_FORBIDDEN',
    );
  });

  it('reads 32,768 distinct names that share one hash in linear time', () => {
    // "Aa" and "BB" hash alike under the reader's name hash, so every string of 15 such blocks does too.
    const names = Array.from({ length: 1 << 15 }, (_, n) =>
      Array.from({ length: 15 }, (_, bit) => ((n >> bit) & 1 ? 'BB' : 'Aa')).join(''),
    );
    const document = `<r>${names.map((name) => `<${name} ${name}="1"/>`).join('')}</r>`;
    const started = performance.now();
    const root = parseXml(document);
    expect(root.children).toHaveLength(names.length);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('rejects 10,000 levels of nesting as a depth limit', () => {
    const deep = `${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`;
    const error = failure(() => parseXml(deep));
    expect(error).toBeInstanceOf(XmlLimitError);
    expect(error instanceof XmlLimitError ? error.limit : undefined).toBe('maxDepth');
  });

  it('rejects huge attribute counts', () => {
    const many = `<a ${Array.from({ length: 100_000 }, (_, i) => `a${i}="1"`).join(' ')}/>`;
    const error = failure(() => parseXml(many));
    expect(error instanceof XmlLimitError ? error.limit : undefined).toBe('maxAttributes');
  });

  it('rejects duplicate attributes among many', () => {
    const attributes = Array.from({ length: 100 }, (_, i) => `a${i}="1"`).join(' ');
    expect(failure(() => parseXml(`<a ${attributes} a57="2"/>`)).code).toBe('XML_MALFORMED');
    expect(parseXml(`<a ${attributes}/>`).attributes).toHaveLength(100);
  });

  it('enforces element count, text length and size limits', () => {
    const wide = `<a>${'<b/>'.repeat(50)}</a>`;
    expect(failure(() => parseXml(wide, { limits: { maxElements: 10 } })).code).toBe('XML_LIMIT_EXCEEDED');
    expect(failure(() => parseXml(`<a>${'x'.repeat(100)}</a>`, { limits: { maxTextLength: 50 } })).code).toBe(
      'XML_LIMIT_EXCEEDED',
    );
    expect(failure(() => parseXml(`<a t="${'x'.repeat(100)}"/>`, { limits: { maxTextLength: 50 } })).code).toBe(
      'XML_LIMIT_EXCEEDED',
    );
    expect(failure(() => parseXml(new Uint8Array(200).fill(0x20), { limits: { maxBytes: 100 } })).code).toBe(
      'XML_LIMIT_EXCEEDED',
    );
  });

  it('accepts a custom deeper limit', () => {
    const deep = `${'<a>'.repeat(300)}${'</a>'.repeat(300)}`;
    expect(parseXml(deep, { limits: { maxDepth: 400 } }).name.local).toBe('a');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XcapSelectorError } from '../errors.js';
import { formatNodeSelector, type NodeSelector, parseNodeSelector } from './selector.js';

describe('node selectors (RFC 4825 §6.3)', () => {
  it('writes steps by name, position, attribute and an attribute terminal', () => {
    expect(
      formatNodeSelector({
        steps: [
          { name: 'resource-lists' },
          { name: 'list', attribute: { name: 'name', value: 'friends' } },
          { name: '*', position: 2 },
        ],
        terminal: { kind: 'attribute', name: 'uri' },
      }),
    ).toBe('resource-lists/list[@name="friends"]/*[2]/@uri');
  });

  it('quotes values holding a double quote with apostrophes and escapes markup', () => {
    const text = formatNodeSelector({ steps: [{ name: 'a', attribute: { name: 'v', value: `say "hi" & <go>` } }] });
    expect(text).toBe(`a[@v='say "hi" &amp; &lt;go>']`);
    expect(parseNodeSelector(text).steps[0]?.attribute?.value).toBe(`say "hi" & <go>`);
  });

  it('reads the RFC example with a position and attribute predicate and namespace terminal', () => {
    expect(parseNodeSelector('watchers/watcher[3][@id="x/y"]/namespace::*')).toEqual({
      steps: [{ name: 'watchers' }, { name: 'watcher', position: 3, attribute: { name: 'id', value: 'x/y' } }],
      terminal: { kind: 'namespaces' },
    });
  });

  it.each(['', '/a', 'a//b', 'a[0]', 'a[@x=1]', 'a[@x="1"', '@x', 'a/', 'a b', 'a[1][2]'])(
    'rejects %j with XcapSelectorError',
    (text) => {
      expect(() => parseNodeSelector(text)).toThrow(XcapSelectorError);
    },
  );

  const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,6}(:[a-z][a-z0-9]{0,4})?$/);
  const selector: fc.Arbitrary<NodeSelector> = fc.record(
    {
      steps: fc.array(
        fc.record(
          {
            name: fc.oneof(name, fc.constant('*')),
            position: fc.integer({ min: 1, max: 50 }),
            attribute: fc.record({ name, value: fc.string({ maxLength: 12 }) }),
          },
          { requiredKeys: ['name'] },
        ),
        { minLength: 1, maxLength: 5 },
      ),
      terminal: fc.oneof(
        fc.record({ kind: fc.constant('attribute' as const), name }),
        fc.constant({ kind: 'namespaces' as const }),
      ),
    },
    { requiredKeys: ['steps'] },
  );

  it('parses what it formats', () => {
    fc.assert(
      fc.property(selector, (s) => {
        expect(parseNodeSelector(formatNodeSelector(s))).toEqual(s);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('never throws anything but XcapSelectorError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        try {
          parseNodeSelector(text);
        } catch (error) {
          expect(error).toBeInstanceOf(XcapSelectorError);
        }
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { XcapPatchError } from '../errors.js';
import { parsePatchSelector } from './selector.js';

describe('RFC 5261 §4.1 selectors', () => {
  it('reads element steps with prefixes, positions and attribute predicates', () => {
    expect(parsePatchSelector('/rl:resource-lists/rl:list[@name="friends"]/rl:entry[2]')).toEqual({
      steps: [
        { name: { prefix: 'rl', local: 'resource-lists' }, predicates: [] },
        {
          name: { prefix: 'rl', local: 'list' },
          predicates: [{ kind: 'attribute', name: { prefix: null, local: 'name' }, value: 'friends' }],
        },
        { name: { prefix: 'rl', local: 'entry' }, predicates: [{ kind: 'position', position: 2 }] },
      ],
    });
  });

  it('reads attribute, text() and namespace terminals', () => {
    expect(parsePatchSelector('doc/@xml:lang').terminal).toEqual({
      kind: 'attribute',
      name: { prefix: 'xml', local: 'lang' },
    });
    expect(parsePatchSelector('doc/foo/text()[3]').terminal).toEqual({ kind: 'text', position: 3 });
    expect(parsePatchSelector('doc/text()').terminal).toEqual({ kind: 'text' });
    expect(parsePatchSelector('doc/namespace::pref').terminal).toEqual({ kind: 'namespace', prefix: 'pref' });
  });

  it('reads id(), wildcards, child-text and self predicates with either quote', () => {
    expect(parsePatchSelector("id('ert4773')/p:*")).toEqual({
      id: 'ert4773',
      steps: [{ name: { prefix: 'p', local: '*' }, predicates: [] }],
    });
    expect(parsePatchSelector('*/entry[ display-name = \'Bob\' ][.="x"]').steps[1]?.predicates).toEqual([
      { kind: 'child', name: { prefix: null, local: 'display-name' }, value: 'Bob' },
      { kind: 'self', value: 'x' },
    ]);
  });

  it.each([
    '',
    '/',
    'doc/',
    "id('x')/",
    'doc[0]',
    'doc[@a=b]',
    'doc[@a="b"',
    'doc/@a/b',
    'doc//b',
    'doc/text()[x]',
    'doc/namespace::',
    'a:b:c',
    'doc[1234567890]',
  ])('refuses %j as invalid-diff-format', (sel) => {
    let caught: unknown;
    try {
      parsePatchSelector(sel);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(XcapPatchError);
    expect((caught as XcapPatchError).reason).toBe('invalid-diff-format');
  });

  it('reads a hostile selector in time proportional to its length', () => {
    expect(() => parsePatchSelector(`${'a['.repeat(1500)}`)).toThrow(XcapPatchError);
    expect(() => parsePatchSelector('a/'.repeat(3000))).toThrow(XcapPatchError);
  });
});

import { describe, expect, it } from 'vitest';
import { XcapPatchError, type XcapPatchFailure } from '../errors.js';
import { patchText } from './test-support/patch-harness.js';

// The base document of the RFC 5261 Appendix A examples.
const DOC = '<doc>\n  <note>This is a sample document</note>\n</doc>';

function failure(run: () => unknown): XcapPatchFailure | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof XcapPatchError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('add (RFC 5261 §4.3)', () => {
  it('appends an element as the last child (A.1)', () => {
    expect(patchText(DOC, '<d:add sel="doc"><foo id="ert4773">This is a new child</foo></d:add>')).toBe(
      '<doc>\n  <note>This is a sample document</note>\n<foo id="ert4773">This is a new child</foo></doc>',
    );
  });

  it('adds an element of a namespace bound in the patch (A.2)', () => {
    const out = patchText(DOC, '<d:add sel="doc"><p:foo xmlns:p="urn:ns:xxx" id="x">new</p:foo></d:add>');
    expect(out).toBe(
      '<doc>\n  <note>This is a sample document</note>\n<p:foo xmlns:p="urn:ns:xxx" id="x">new</p:foo></doc>',
    );
  });

  it('inserts before, after and as the first child', () => {
    const doc = '<doc><a/><b/></doc>';
    expect(patchText(doc, '<d:add sel="doc/b" pos="before"><x/></d:add>')).toBe('<doc><a/><x/><b/></doc>');
    expect(patchText(doc, '<d:add sel="doc/a" pos="after"><x/></d:add>')).toBe('<doc><a/><x/><b/></doc>');
    expect(patchText(doc, '<d:add sel="doc" pos="prepend"><!-- c --></d:add>')).toBe('<doc><!-- c --><a/><b/></doc>');
  });

  it('adds an attribute with type="@name" (A.4)', () => {
    expect(
      patchText('<doc><foo id="ert4773"/></doc>', '<d:add sel="doc/foo[@id=\'ert4773\']" type="@user">Bob</d:add>'),
    ).toBe('<doc><foo id="ert4773" user="Bob"/></doc>');
  });

  it('adds a prefixed attribute through the patch declarations', () => {
    expect(patchText('<doc/>', '<d:add sel="doc" type="@p:user">Bob</d:add>', 'xmlns:p="urn:ns:p"')).toBe(
      '<doc xmlns:p="urn:ns:p" p:user="Bob"/>',
    );
  });

  it('adds a namespace declaration with type="namespace::prefix" (A.5)', () => {
    expect(patchText('<doc/>', '<d:add sel="doc" type="namespace::pref">urn:ns:xxx</d:add>')).toBe(
      '<doc xmlns:pref="urn:ns:xxx"/>',
    );
  });

  it('merges added text with an adjacent text node, as XPath sees it', () => {
    expect(patchText('<doc>a</doc>', '<d:add sel="doc">b</d:add>')).toBe('<doc>ab</doc>');
  });

  it('refuses to add an attribute that exists', () => {
    expect(failure(() => patchText('<doc a="1"/>', '<d:add sel="doc" type="@a">2</d:add>'))).toBe(
      'invalid-attribute-value',
    );
  });

  it('refuses elements beside the root and prolog nodes', () => {
    expect(failure(() => patchText('<doc/>', '<d:add sel="doc" pos="before"><x/></d:add>'))).toBe(
      'invalid-root-element-operation',
    );
    expect(failure(() => patchText('<doc/>', '<d:add sel="doc" pos="after"><!-- c --></d:add>'))).toBe(
      'invalid-xml-prolog-operation',
    );
  });

  it('reports bad type directives and element content for attributes', () => {
    expect(failure(() => patchText('<doc/>', '<d:add sel="doc" type="nonsense">x</d:add>'))).toBe(
      'invalid-patch-directive',
    );
    expect(failure(() => patchText('<doc/>', '<d:add sel="doc" type="@a"><x/></d:add>'))).toBe('invalid-node-types');
    expect(failure(() => patchText('<doc/>', '<d:add sel="doc" type="namespace::p"></d:add>'))).toBe(
      'invalid-namespace-uri',
    );
    expect(failure(() => patchText('<doc/>', '<d:add sel="doc" type="@q:a">x</d:add>'))).toBe(
      'invalid-namespace-prefix',
    );
    expect(failure(() => patchText('<doc/>', '<d:add sel="doc" type="namespace::xml">urn:x</d:add>'))).toBe(
      'invalid-namespace-prefix',
    );
    expect(failure(() => patchText('<doc/>', '<d:add sel="doc" type="@xmlns">urn:x</d:add>'))).toBe(
      'invalid-patch-directive',
    );
  });
});

describe('replace (RFC 5261 §4.4)', () => {
  it('replaces an element by one element (A.8)', () => {
    expect(
      patchText('<doc><foo a="1">x</foo></doc>', '<d:replace sel="doc/foo[@a=\'1\']">\n  <bar a="2"/>\n</d:replace>'),
    ).toBe('<doc><bar a="2"/></doc>');
  });

  it('replaces the root element', () => {
    expect(patchText('<doc/>', '<d:replace sel="doc"><new/></d:replace>')).toBe('<new/>');
  });

  it('replaces an attribute value (A.10)', () => {
    expect(patchText('<doc a="test"/>', '<d:replace sel="doc/@a">new value</d:replace>')).toBe('<doc a="new value"/>');
  });

  it('replaces a namespace URI and the names in its scope (A.11, erratum 3478)', () => {
    const out = patchText(
      '<doc xmlns:pref="urn:test"><pref:foo pref:a="1"/></doc>',
      '<d:replace sel="doc/namespace::pref">urn:new:xxx</d:replace>',
    );
    expect(out).toBe('<doc xmlns:pref="urn:new:xxx"><pref:foo pref:a="1"/></doc>');
  });

  it('replaces a text node (A.13)', () => {
    expect(
      patchText(
        '<doc><foo>This is a sample</foo></doc>',
        '<d:replace sel="doc/foo/text()[1]">This is the new text</d:replace>',
      ),
    ).toBe('<doc><foo>This is the new text</foo></doc>');
  });

  it('wants exactly one element for an element', () => {
    expect(failure(() => patchText('<doc><a/></doc>', '<d:replace sel="doc/a"><x/><y/></d:replace>'))).toBe(
      'invalid-node-types',
    );
    expect(failure(() => patchText('<doc><a/></doc>', '<d:replace sel="doc/a">text</d:replace>'))).toBe(
      'invalid-node-types',
    );
  });
});

describe('remove (RFC 5261 §4.5)', () => {
  it('removes an element and the whitespace after it (A.14)', () => {
    expect(patchText('<doc>\n  <foo a="1"/>\n  <bar/>\n</doc>', '<d:remove sel="doc/foo[@a=\'1\']" ws="after"/>')).toBe(
      '<doc>\n  <bar/>\n</doc>',
    );
  });

  it('removes whitespace before, or on both sides', () => {
    const doc = '<doc>\n  <a/>\n  <b/>\n</doc>';
    expect(patchText(doc, '<d:remove sel="doc/b" ws="before"/>')).toBe('<doc>\n  <a/>\n</doc>');
    expect(patchText(doc, '<d:remove sel="doc/a" ws="both"/>')).toBe('<doc><b/>\n</doc>');
    expect(patchText(doc, '<d:remove sel="doc/a"/>')).toBe('<doc>\n  \n  <b/>\n</doc>');
  });

  it('removes an attribute (A.15), a namespace and a text node', () => {
    expect(patchText('<doc a="1" b="2"/>', '<d:remove sel="doc/@a"/>')).toBe('<doc b="2"/>');
    expect(patchText('<doc xmlns:p="urn:p"/>', '<d:remove sel="doc/namespace::p"/>')).toBe('<doc/>');
    expect(patchText('<doc><foo>text</foo></doc>', '<d:remove sel="doc/foo/text()"/>')).toBe('<doc><foo/></doc>');
  });

  it('refuses to remove the root or a namespace still in use', () => {
    expect(failure(() => patchText('<doc/>', '<d:remove sel="doc"/>'))).toBe('invalid-root-element-operation');
    expect(failure(() => patchText('<doc xmlns:p="urn:p"><p:x/></doc>', '<d:remove sel="doc/namespace::p"/>'))).toBe(
      'invalid-namespace-prefix',
    );
  });

  it('refuses ws on attributes and where there is no whitespace', () => {
    expect(failure(() => patchText('<doc a="1"/>', '<d:remove sel="doc/@a" ws="after"/>'))).toBe(
      'invalid-whitespace-directive',
    );
    expect(failure(() => patchText('<doc><a/><b/></doc>', '<d:remove sel="doc/a" ws="after"/>'))).toBe(
      'invalid-whitespace-directive',
    );
  });
});

describe('selectors (RFC 5261 §4.1)', () => {
  const RL =
    '<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists">' +
    '<list name="friends"><entry uri="sip:a@x"/><entry uri="sip:b@x"><display-name>Bob</display-name></entry></list>' +
    '<list name="work"/></resource-lists>';
  const ns = 'xmlns:rl="urn:ietf:params:xml:ns:resource-lists"';

  it('binds prefixes through the patch declarations', () => {
    expect(
      patchText(RL, '<d:remove sel="rl:resource-lists/rl:list[@name=&quot;friends&quot;]/rl:entry[1]"/>', ns),
    ).toBe(
      '<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="friends"><entry uri="sip:b@x"><display-name>Bob</display-name></entry></list><list name="work"/></resource-lists>',
    );
  });

  it('resolves unprefixed names in the default namespace of the patch', () => {
    const out = patchText(
      RL,
      '<d:replace xmlns="urn:ietf:params:xml:ns:resource-lists" sel="/resource-lists/list[2]/@name">home</d:replace>',
    );
    expect(out).toContain('<list name="home"/>');
  });

  it('selects by child text, by id(), and the root with *', () => {
    expect(
      patchText(RL, '<d:remove sel="rl:resource-lists/rl:list/rl:entry[rl:display-name=\'Bob\']/@uri"/>', ns),
    ).toContain('<entry><display-name>Bob</display-name></entry>');
    expect(patchText('<doc><a id="k"/><a id="m"/></doc>', '<d:add sel="id(\'m\')" type="@x">1</d:add>')).toBe(
      '<doc><a id="k"/><a id="m" x="1"/></doc>',
    );
    expect(patchText('<doc/>', '<d:add sel="*"><x/></d:add>')).toBe('<doc><x/></doc>');
  });

  it('fails unlocated-node for no match and for several matches', () => {
    expect(failure(() => patchText(RL, '<d:remove sel="rl:resource-lists/rl:list"/>', ns))).toBe('unlocated-node');
    expect(failure(() => patchText(RL, '<d:remove sel="resource-lists/list[1]"/>'))).toBe('unlocated-node');
    expect(failure(() => patchText(RL, '<d:remove sel="rl:resource-lists/rl:list[3]"/>', ns))).toBe('unlocated-node');
  });

  it('fails invalid-namespace-prefix for an unbound prefix and invalid-diff-format for bad syntax', () => {
    expect(failure(() => patchText(RL, '<d:remove sel="x:resource-lists"/>'))).toBe('invalid-namespace-prefix');
    expect(failure(() => patchText(RL, '<d:remove sel="doc[@a=1]"/>'))).toBe('invalid-diff-format');
    expect(failure(() => patchText(RL, '<d:remove sel="doc/@a/b"/>'))).toBe('invalid-diff-format');
    expect(failure(() => patchText(RL, '<d:remove sel=""/>'))).toBe('invalid-diff-format');
  });
});

import { parseXml, stripPrefixes } from '@simplekit/xml';
import { describe, expect, it } from 'vitest';
import { readAddressBook } from '../document/read.js';
import { emptyAddressBook } from '../model/types.js';
import { addContact } from '../operations/contact.js';
import { ALICE, fixture } from '../test-support/fixtures.js';
import { deriveDocuments, deriveResourceLists } from './documents.js';

const RL_URL = 'https%3A//xcap.example.org/xcap-root/resource-lists/users/sip%3Aalice%40example.org/index/~~';
const sel = (name: string) => `/resource-lists/list%5B%40name%3D%22${name}%22%5D`;

describe('deriveDocuments on an empty server', () => {
  const book = addContact(emptyAddressBook(), {
    id: 'idbob',
    name: 'Bob',
    uris: [{ id: 'idu1', uri: 'sip:bob@example.org', type: 'SIP' }],
    defaultUri: 'first',
    presence: { policy: 'allow', subscribe: true },
  }).book;
  const docs = deriveDocuments(book, ALICE);

  it('writes rls-services with the presence and dialog services Blink writes (golden)', () => {
    expect(docs.rlsServices).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>' +
        '<rls-services xmlns="urn:ietf:params:xml:ns:rls-services">' +
        '<service uri="sip%3Aalice%2Bpresence%40example.org">' +
        `<resource-list>${RL_URL}${sel('sipsimple_presence_rls')}</resource-list>` +
        '<packages><package>presence</package></packages></service>' +
        '<service uri="sip%3Aalice%2Bdialog%40example.org">' +
        `<resource-list>${RL_URL}${sel('sipsimple_dialog_rls')}</resource-list>` +
        '<packages><package>dialog</package></packages></service>' +
        '</rls-services>',
    );
    expect(docs.changed.rlsServices).toBe(true);
  });

  it('writes the five Blink pres-rules plus the plain identity rule (golden)', () => {
    expect(docs.presRules).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>' +
        '<cp:ruleset xmlns:cp="urn:ietf:params:xml:ns:common-policy" xmlns:pr="urn:ietf:params:xml:ns:pres-rules" xmlns:ocp="urn:oma:xml:xdm:common-policy">' +
        '<cp:rule id="wp_prs_grantedcontacts"><cp:conditions><ocp:external-list>' +
        `<ocp:entry anc="${RL_URL}${sel('oma_grantedcontacts')}"/></ocp:external-list></cp:conditions>` +
        '<cp:actions><pr:sub-handling>allow</pr:sub-handling></cp:actions><cp:transformations/></cp:rule>' +
        '<cp:rule id="wp_prs_blockedcontacts"><cp:conditions><ocp:external-list>' +
        `<ocp:entry anc="${RL_URL}${sel('oma_blockedcontacts')}"/></ocp:external-list></cp:conditions>` +
        '<cp:actions><pr:sub-handling>polite-block</pr:sub-handling></cp:actions><cp:transformations/></cp:rule>' +
        '<cp:rule id="wp_prs_unlisted"><cp:conditions><ocp:other-identity/></cp:conditions>' +
        '<cp:actions><pr:sub-handling>confirm</pr:sub-handling></cp:actions><cp:transformations/></cp:rule>' +
        '<cp:rule id="wp_prs_block_anonymous"><cp:conditions><ocp:anonymous-request/></cp:conditions>' +
        '<cp:actions><pr:sub-handling>block</pr:sub-handling></cp:actions><cp:transformations/></cp:rule>' +
        '<cp:rule id="wp_prs_allow_own"><cp:conditions><cp:identity><cp:one id="sip%3Aalice%40example.org"/></cp:identity></cp:conditions>' +
        '<cp:actions><pr:sub-handling>allow</pr:sub-handling></cp:actions><cp:transformations/></cp:rule>' +
        '<cp:rule id="simplekit_prs_granted_identities"><cp:conditions><cp:identity><cp:one id="sip:bob@example.org"/></cp:identity></cp:conditions>' +
        '<cp:actions><pr:sub-handling>allow</pr:sub-handling></cp:actions><cp:transformations/></cp:rule>' +
        '</cp:ruleset>',
    );
  });

  it('writes all nine lists in Blink order with the address book last', () => {
    const root = parseXml(docs.resourceLists);
    expect(root.children.map((c) => (c.type === 'element' ? c.attributes[0]?.value : ''))).toEqual([
      'oma_buddylist',
      'oma_grantedcontacts',
      'oma_blockedcontacts',
      'oma_allcontacts',
      'dialog_grantedcontacts',
      'dialog_blockedcontacts',
      'sipsimple_presence_rls',
      'sipsimple_dialog_rls',
      'sipsimple_addressbook',
    ]);
    expect(docs.resourceLists).toContain(
      '<rl:list name="oma_grantedcontacts"><rl:entry uri="sip%3Abob%40example.org"/></rl:list>',
    );
    expect(docs.resourceLists).toContain(
      `<rl:list name="oma_allcontacts"><rl:external anchor="${RL_URL}${sel('oma_buddylist')}"/>`,
    );
    // A new contact in Blink's layout: name, uris, dialog, presence, both attribute bags.
    expect(docs.resourceLists).toContain(
      '<addressbook:contact id="idbob"><addressbook:name>Bob</addressbook:name>' +
        '<addressbook:uris default="idu1"><addressbook:uri id="idu1" uri="sip%3Abob%40example.org" type="SIP">' +
        '<sipsimple:attributes/><blink:attributes/></addressbook:uri></addressbook:uris>' +
        '<addressbook:dialog><addressbook:policy>default</addressbook:policy><addressbook:subscribe>false</addressbook:subscribe></addressbook:dialog>' +
        '<addressbook:presence><addressbook:policy>allow</addressbook:policy><addressbook:subscribe>true</addressbook:subscribe></addressbook:presence>' +
        '<sipsimple:attributes/><blink:attributes/></addressbook:contact>',
    );
  });

  it('uses allow-unlisted and no identity rules when asked', () => {
    const other = deriveDocuments(book, { ...ALICE, unlisted: 'allow', identityRules: false, uriStyle: 'plain' });
    const ids = [...other.presRules.matchAll(/<cp:rule id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([
      'wp_prs_grantedcontacts',
      'wp_prs_blockedcontacts',
      'wp_prs_allow_unlisted',
      'wp_prs_block_anonymous',
      'wp_prs_allow_own',
    ]);
    expect(other.rlsServices).toContain('<service uri="sip:alice+presence@example.org">');
  });

  it('reports no change when the server already holds the derived rls-services and pres-rules', () => {
    const again = deriveDocuments(book, { ...ALICE, rlsServices: docs.rlsServices, presRules: docs.presRules });
    expect(again.changed).toEqual({ rlsServices: false, presRules: false });
    expect(again.rlsServices).toBe(docs.rlsServices);
    expect(again.presRules).toBe(docs.presRules);
    // Unchanged pres-rules come back as the server's own text, indentation and all (bytes are written from their tree,
    // which keeps it too).
    const indented = docs.presRules.replace(/(?<!\?)></g, '>\n  <');
    const kept = deriveDocuments(book, { ...ALICE, rlsServices: docs.rlsServices, presRules: indented });
    expect(kept.changed.presRules).toBe(false);
    expect(kept.presRules).toBe(indented);
    const fromBytes = deriveDocuments(book, { ...ALICE, presRules: new TextEncoder().encode(indented) });
    expect(fromBytes.changed.presRules).toBe(false);
    expect(fromBytes.presRules).toBe(indented);
  });

  it('rejects unusable locations with CONTACTS_OPTIONS', () => {
    expect(() => deriveDocuments(book, { xui: '', xcapRoot: ALICE.xcapRoot })).toThrow(
      expect.objectContaining({ code: 'CONTACTS_OPTIONS' }),
    );
    expect(() => deriveDocuments(book, { xui: ALICE.xui, xcapRoot: 'xcap' })).toThrow(
      expect.objectContaining({ code: 'CONTACTS_OPTIONS' }),
    );
  });
});

describe('normalising what others wrote', () => {
  it('keeps foreign rules, services and namespaces while fixing Blink rules', () => {
    const presRules =
      '<cr:ruleset xmlns:cr="urn:ietf:params:xml:ns:common-policy" xmlns:pr="urn:ietf:params:xml:ns:pres-rules">' +
      '<cr:rule id="other_client_rule"><cr:conditions><cr:identity><cr:many/></cr:identity></cr:conditions>' +
      '<cr:actions><pr:sub-handling>confirm</pr:sub-handling></cr:actions><cr:transformations/></cr:rule>' +
      '<cr:rule id="wp_prs_unlisted"><cr:conditions/><cr:actions><pr:sub-handling>polite-block</pr:sub-handling></cr:actions>' +
      '<cr:transformations><pr:provide-all-attributes/></cr:transformations></cr:rule></cr:ruleset>';
    const rlsServices =
      '<rls-services xmlns="urn:ietf:params:xml:ns:rls-services" xmlns:x="urn:example:x">' +
      '<service uri="sip:team@example.org"><resource-list>http://x/list</resource-list><x:tag/></service></rls-services>';
    const docs = deriveDocuments(emptyAddressBook(), { ...ALICE, presRules, rlsServices, identityRules: false });
    expect(docs.presRules).toContain('<cr:rule id="other_client_rule">');
    // The existing unlisted choice (polite-block) survives; its conditions and transformations are normalised.
    expect(docs.presRules).toContain(
      '<cr:rule id="wp_prs_unlisted"><cr:conditions><ocp:other-identity/></cr:conditions>' +
        '<cr:actions><pr:sub-handling>polite-block</pr:sub-handling></cr:actions><cr:transformations/></cr:rule>',
    );
    expect(docs.rlsServices).toContain(
      '<service uri="sip:team@example.org"><resource-list>http://x/list</resource-list><x:tag/></service>',
    );
    // The document wrote plain URIs, so new services follow its style.
    expect(docs.rlsServices).toContain('<service uri="sip:alice+presence@example.org">');
  });

  it('keeps a list written by another client with standard oma_* lists, and normalises the derived ones', () => {
    const book = readAddressBook(fixture('other-client-oma.xml'));
    const xml = deriveResourceLists(book, ALICE);
    // oma_buddylist and oma_allcontacts are not derived: kept exactly, in the document's own prefixes.
    expect(xml).toContain(
      '<list name="oma_buddylist"><entry uri="sip:frank@example.org"><display-name>Frank</display-name></entry>' +
        '<entry uri="sip:grace@example.org"/></list>',
    );
    expect(xml).toContain('<list name="oma_allcontacts"><external anchor="http://xcap.example.org/');
    // Nothing in the address book grants frank: the derived list is emptied, as Blink would.
    expect(xml).toContain('<list name="oma_grantedcontacts"/>');
    expect(xml).toContain('<list name="sipsimple_addressbook"/>');
  });

  it('preserves foreign lists, elements and attributes through an edit', () => {
    const book = readAddressBook(fixture('foreign-resource-lists.xml'));
    const erin = book.contacts.get('erin');
    if (erin === undefined) throw new Error('fixture');
    const edited = { ...book, contacts: new Map(book.contacts).set('erin', { ...erin, name: 'Erin E.' }) };
    const xml = deriveResourceLists(edited, ALICE);
    const root = parseXml(xml);
    const again = parseXml(deriveResourceLists(readAddressBook(xml), ALICE));
    expect(stripPrefixes(again)).toEqual(stripPrefixes(root));
    expect(root.attributes).toEqual([expect.objectContaining({ local: 'version', value: '7' })]);
    expect(xml).toContain('<list name="buddies" x:owner="other"><display-name>Other client\'s buddies</display-name>');
    expect(xml).toContain('<x:settings theme="dark"><x:item>1</x:item></x:settings>');
    expect(xml).toContain(
      '<list name="oma_grantedcontacts"><entry uri="sip:erin@example.org" x:note="kept"/><x:marker>granted by x</x:marker></list>',
    );
    expect(xml).toContain('<x:header>other client header</x:header><ab:contact id="erin" x:rating="5">');
    expect(xml).toContain('<ab:name>Erin E.</ab:name><x:nickname>E</x:nickname>');
    expect(xml).toContain('<ab:uri id="u1" uri="sip:erin@example.org" x:label="work"/>');
    expect(xml).toContain(
      '<ss:attributes><ss:attribute name="x-client-field">xyz</ss:attribute>' +
        '<ss:attribute name="organization">Erin Ltd</ss:attribute></ss:attributes>',
    );
  });

  it('writes an unchanged Blink document back with the same content', () => {
    const original = fixture('blink-resource-lists.xml');
    const book = readAddressBook(original);
    const xml = deriveResourceLists(book, ALICE);
    const before = parseXml(original, { ignoreWhitespace: true });
    const after = parseXml(xml, { ignoreWhitespace: true });
    const list = (root: typeof before, name: string) =>
      root.children.find((c) => c.type === 'element' && c.attributes.some((a) => a.value === name));
    // The address book is written back exactly as read: the same tree, and each item as its very text.
    expect(list(after, 'sipsimple_addressbook')).toEqual(list(before, 'sipsimple_addressbook'));
    const items = original.match(/<addressbook:(contact|group|policy-element) [\s\S]*?<\/addressbook:\1>/g) ?? [];
    expect(items.length).toBeGreaterThan(2);
    for (const item of items) expect(xml).toContain(item);
    // Derived lists follow the book: Bob's tel URI and Carol's XMPP URI are granted too.
    expect(xml).toContain(
      '<rl:list name="oma_grantedcontacts"><rl:entry uri="sip%3Abob%40example.org"/><rl:entry uri="sip%3Acarol%40example.org"/>' +
        '<rl:entry uri="tel%3A%2B31201234567"/><rl:entry uri="xmpp%3Acarol%40jabber.example.com"/></rl:list>',
    );
    expect(list(after, 'oma_allcontacts')).toEqual(list(before, 'oma_allcontacts'));
  });

  it('points an existing presence service with an inline list at the Blink list instead', () => {
    const rlsServices =
      '<rls-services xmlns="urn:ietf:params:xml:ns:rls-services" xmlns:rl="urn:ietf:params:xml:ns:resource-lists">' +
      '<service uri="sip:alice+presence@example.org"><list><rl:entry uri="sip:old@x"/></list>' +
      '<packages><package>presence</package><package>dialog</package></packages></service></rls-services>';
    const docs = deriveDocuments(emptyAddressBook(), { ...ALICE, rlsServices, dialog: false });
    expect(docs.changed.rlsServices).toBe(true);
    expect(docs.rlsServices).toContain(
      '<service uri="sip:alice+presence@example.org"><resource-list>https://xcap.example.org/xcap-root/resource-lists/users/sip:alice@example.org/index/~~/resource-lists/list[@name="sipsimple_presence_rls"]</resource-list>' +
        '<packages><package>presence</package></packages></service>',
    );
    expect(docs.rlsServices).not.toContain('sip:old@x');
  });

  it('rejects broken rls-services and pres-rules documents with CONTACTS_PARSE', () => {
    const book = emptyAddressBook();
    expect(() => deriveDocuments(book, { ...ALICE, rlsServices: '<rls-services' })).toThrow(
      expect.objectContaining({ code: 'CONTACTS_PARSE' }),
    );
    expect(() => deriveDocuments(book, { ...ALICE, presRules: '<resource-lists xmlns="urn:x"/>' })).toThrow(
      expect.objectContaining({ code: 'CONTACTS_PARSE' }),
    );
  });
});

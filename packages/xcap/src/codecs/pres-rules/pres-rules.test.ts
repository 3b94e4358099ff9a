import { readFileSync } from 'node:fs';
import { parseXml } from '@simplekit/xml';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XcapParseError } from '../../errors.js';
import type { PolicyRule, PresRulesDocument } from './model.js';
import { parsePresRules } from './parse.js';
import { serializePresRules } from './serialize.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url), 'utf8');

describe('pres-rules (RFC 4745, RFC 5025, OMA)', () => {
  it("reads Blink's OMA rules with decoded identities and anchors", () => {
    const doc = parsePresRules(fixture('blink-pres-rules.xml'));
    expect(doc.rules.map((r) => [r.id, r.conditions[0]?.kind, r.actions[0]])).toEqual([
      ['wp_prs_allow_own', 'identity', { kind: 'sub-handling', value: 'allow' }],
      ['wp_prs_grantedcontacts', 'external-list', { kind: 'sub-handling', value: 'allow' }],
      ['wp_prs_blockedcontacts', 'external-list', { kind: 'sub-handling', value: 'polite-block' }],
      ['wp_prs_unlisted', 'other-identity', { kind: 'sub-handling', value: 'confirm' }],
      ['wp_prs_block_anonymous', 'anonymous-request', { kind: 'sub-handling', value: 'block' }],
    ]);
    expect(doc.rules[0]?.conditions[0]).toEqual({ kind: 'identity', one: ['sip:alice@example.org'], many: [] });
    expect(doc.rules[0]?.transformations).toEqual([
      { kind: 'provide-all', what: 'services' },
      { kind: 'provide-all', what: 'persons' },
      { kind: 'provide-all', what: 'devices' },
      { kind: 'provide-all-attributes' },
    ]);
    expect(doc.rules[1]?.conditions[0]).toEqual({
      kind: 'external-list',
      anchors: [
        'https://xcap.example.org/xcap-root/resource-lists/users/sip:alice@example.org/index/~~/resource-lists/list[@name="oma_grantedcontacts"]',
      ],
    });
  });

  it('writes an untouched document back as read, and a changed rule in Blink style', () => {
    const text = fixture('blink-pres-rules.xml');
    const doc = parsePresRules(text);
    expect(parseXml(serializePresRules(doc))).toEqual(parseXml(text));
    const rules = doc.rules.map((r) =>
      r.id === 'wp_prs_unlisted' ? { ...r, actions: [{ kind: 'sub-handling' as const, value: 'allow' as const }] } : r,
    );
    const out = serializePresRules({ ...doc, rules });
    expect(out).toContain(
      '<cp:rule id="wp_prs_unlisted"><cp:conditions><ocp:other-identity/></cp:conditions><cp:actions><pr:sub-handling>allow</pr:sub-handling>',
    );
    expect(parsePresRules(out).rules.slice(0, 3)).toEqual(doc.rules.slice(0, 3));
  });

  it('reads many/except identities (RFC 4745 §7.1.1) and keeps unknown conditions', () => {
    const doc = parsePresRules(
      '<ruleset xmlns="urn:ietf:params:xml:ns:common-policy" xmlns:x="urn:x"><rule id="r"><conditions><identity>' +
        '<many domain="example.com"><except id="sip:bob@example.com"/><except domain="sub.example.com"/></many></identity>' +
        '<x:weird a="1"/></conditions><actions/><transformations><x:t/></transformations></rule></ruleset>',
    );
    const rule = doc.rules[0] as PolicyRule;
    expect(rule.conditions[0]).toEqual({
      kind: 'identity',
      one: [],
      many: [{ domain: 'example.com', except: [{ id: 'sip:bob@example.com' }, { domain: 'sub.example.com' }] }],
    });
    expect(rule.conditions[1]?.kind).toBe('foreign');
    const out = serializePresRules({ ...doc, rules: [{ ...rule }] });
    expect(parsePresRules(out).rules).toEqual(doc.rules);
    expect(out).toContain('<x:weird a="1"/>');
  });

  it('rejects a document that is not a ruleset', () => {
    expect(() => parsePresRules('<rls-services xmlns="urn:ietf:params:xml:ns:rls-services"/>')).toThrow(XcapParseError);
  });

  it('round-trips generated rules', () => {
    const uri = fc.emailAddress().map((e) => `sip:${e}`);
    const condition = fc.oneof(
      fc.record({
        kind: fc.constant('identity' as const),
        one: fc.array(uri, { maxLength: 2 }),
        many: fc.constant([]),
      }),
      fc.record({ kind: fc.constant('external-list' as const), anchors: fc.array(fc.webUrl(), { maxLength: 2 }) }),
      fc.constant({ kind: 'other-identity' as const }),
      fc.constant({ kind: 'anonymous-request' as const }),
    );
    const rule = fc.record({
      id: fc.stringMatching(/^[a-z_]{1,12}$/),
      conditions: fc.array(condition, { maxLength: 2 }),
      actions: fc.array(
        fc.record({
          kind: fc.constant('sub-handling' as const),
          value: fc.constantFrom('block', 'confirm', 'polite-block', 'allow' as const),
        }),
        { maxLength: 1 },
      ),
      transformations: fc.array(
        fc.constantFrom(
          { kind: 'provide-all' as const, what: 'services' as const },
          { kind: 'provide-all-attributes' as const },
        ),
        {
          maxLength: 2,
        },
      ),
    });
    fc.assert(
      fc.property(
        fc.array(rule, { maxLength: 3 }),
        fc.constantFrom('plain' as const, 'blink' as const),
        (rules, uris) => {
          const doc: PresRulesDocument = { rules };
          expect(parsePresRules(serializePresRules(doc, { uris })).rules).toEqual(rules);
        },
      ),
      { seed: 42, numRuns: 100 },
    );
  });
});

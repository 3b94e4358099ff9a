// Campaigns for @simplekit/xcap: every application codec (RFC 4825/4826/5025/5874, OMA), node selectors and
// xcap-diff.
import { readFileSync } from 'node:fs';
import {
  formatNodeSelector,
  parseNodeSelector,
  parsePidfManipulation,
  parsePresContent,
  parsePresRules,
  parseResourceLists,
  parseRlsServices,
  parseXcapCaps,
  parseXcapDiff,
  parseXcapDirectory,
  parseXcapError,
  serializePidfManipulation,
  serializePresContent,
  serializePresRules,
  serializeResourceLists,
  serializeRlsServices,
  serializeXcapCaps,
  serializeXcapDiff,
  serializeXcapDirectory,
  XcapError,
} from '@simplekit/xcap';
import { type Campaign, defineCampaign, type FuzzCampaign } from '../harness.js';
import { mutated, SIP_TOKENS, XML_TOKENS } from '../mutate.js';
import { expectStable, fixtureText } from './seeds.js';

const isXcapError = (error: unknown): boolean => error instanceof XcapError;

/** parse → serialise, then the serialiser must be stable on its own output. */
function codec<T>(
  name: string,
  seeds: readonly string[],
  parse: (text: string) => T,
  serialise: (doc: T) => string,
): Campaign<string, string> {
  return {
    name: `xcap/${name}`,
    input: mutated(seeds, XML_TOKENS),
    parse: (text) => serialise(parse(text)),
    isTypedError: isXcapError,
    roundTrip: (written) => expectStable(serialise(parse(written)), written, `serialize ${name}`),
  };
}

const local = (file: string): string => readFileSync(new URL(`./xcap-seeds/${file}`, import.meta.url), 'utf8');

const campaigns = [
  codec(
    'resource-lists',
    [fixtureText('xcap', 'blink-resource-lists.xml'), fixtureText('xcap', 'rfc4826-resource-lists.xml')],
    parseResourceLists,
    (d) => serializeResourceLists(d),
  ),
  codec(
    'rls-services',
    [fixtureText('xcap', 'blink-rls-services.xml'), fixtureText('xcap', 'rfc4826-rls-services.xml')],
    parseRlsServices,
    (d) => serializeRlsServices(d),
  ),
  codec('pres-rules', [fixtureText('xcap', 'blink-pres-rules.xml')], parsePresRules, (d) => serializePresRules(d)),
  codec(
    'pidf-manipulation',
    [fixtureText('xcap', 'blink-offline-pidf-manipulation.xml')],
    (t) => parsePidfManipulation(t),
    (d) => serializePidfManipulation(d),
  ),
  codec('pres-content', [local('pres-content.xml')], parsePresContent, serializePresContent),
  codec('xcap-caps', [local('xcap-caps.xml')], parseXcapCaps, serializeXcapCaps),
  codec('xcap-directory', [local('xcap-directory.xml')], parseXcapDirectory, serializeXcapDirectory),
  codec('xcap-diff', [fixtureText('xcap', 'rfc5874-xcap-diff.xml')], parseXcapDiff, serializeXcapDiff),
];

const xcapError: Campaign<string, number> = {
  name: 'xcap/xcap-error',
  input: mutated([local('xcap-error.xml')], XML_TOKENS),
  parse: (text) => parseXcapError(text).length,
  isTypedError: isXcapError,
};

const selector: Campaign<string, string> = {
  name: 'xcap/node-selector',
  input: mutated(
    [
      'resource-lists/list[@name="friends"]/entry[@uri="sip:bob@example.com"]/display-name',
      'rls-services/service[@uri="sip:alice+presence@example.com"]/@uri',
      'ruleset/rule[2]/conditions/identity/one[@id=&quot;x&quot;]',
      '*[3]/namespace::*',
    ],
    [...SIP_TOKENS, '[', ']', '@', '/', '*', '"', "'", 'namespace::', '&quot;', '&apos;', '%22', '~~'],
  ),
  parse: (text) => formatNodeSelector(parseNodeSelector(text)),
  isTypedError: isXcapError,
  roundTrip: (formatted) =>
    expectStable(formatNodeSelector(parseNodeSelector(formatted)), formatted, 'formatNodeSelector'),
};

export const xcapCampaigns: readonly FuzzCampaign[] = [
  ...campaigns.map(defineCampaign),
  defineCampaign(xcapError),
  defineCampaign(selector),
];

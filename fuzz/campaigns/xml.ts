// Campaign for @simplekit/xml: the one XML reader under every payload package.
import { parseXml, serializeXml, stripPrefixes, type XmlElement, XmlError } from '@simplekit/xml';
import { type Campaign, defineCampaign, type FuzzCampaign } from '../harness.js';
import { mutated, XML_TOKENS } from '../mutate.js';
import { expectStable, fixtureTexts } from './seeds.js';

const seeds = [...fixtureTexts('pidf'), ...fixtureTexts('xcap'), ...fixtureTexts('contacts-model')];

const xml: Campaign<string, XmlElement> = {
  name: 'xml/parse',
  input: mutated(seeds, XML_TOKENS),
  parse: (text) => parseXml(text),
  isTypedError: (error) => error instanceof XmlError,
  // README "Prefixes on output": parseXml(serializeXml(tree)) equals tree modulo prefixes.
  roundTrip: (tree) => {
    const written = serializeXml(tree);
    const again = parseXml(written);
    expectStable(JSON.stringify(stripPrefixes(again)), JSON.stringify(stripPrefixes(tree)), 'parseXml∘serializeXml');
    expectStable(serializeXml(again), written, 'serializeXml');
  },
};

export const xmlCampaigns: readonly FuzzCampaign[] = [defineCampaign(xml)];

// Campaigns for @simplekit/pidf: presence (PIDF + RPID/CIPID/caps/data model) and watcherinfo.
import { PidfError, parsePresence, parseWatcherInfo, serializePresence, serializeWatcherInfo } from '@simplekit/pidf';
import { type Campaign, defineCampaign, type FuzzCampaign } from '../harness.js';
import { mutated, XML_TOKENS } from '../mutate.js';
import { expectStable, fixtureTexts } from './seeds.js';

const all = fixtureTexts('pidf');
const watcherinfo = all.filter((t) => t.includes('watcherinfo'));
const presence = all.filter((t) => !t.includes('watcherinfo'));
const isPidfError = (error: unknown): boolean => error instanceof PidfError;

const presenceCampaign: Campaign<string, string> = {
  name: 'pidf/presence',
  input: mutated(presence, XML_TOKENS),
  parse: (text) => serializePresence(parsePresence(text)),
  isTypedError: isPidfError,
  // README "Lossless": what the writer produced reads back to the same model, so writing it again is identical.
  roundTrip: (written) => expectStable(serializePresence(parsePresence(written)), written, 'serializePresence'),
};

const watcherInfoCampaign: Campaign<string, string> = {
  name: 'pidf/watcherinfo',
  input: mutated(watcherinfo, XML_TOKENS),
  parse: (text) => serializeWatcherInfo(parseWatcherInfo(text)),
  isTypedError: isPidfError,
  roundTrip: (written) =>
    expectStable(serializeWatcherInfo(parseWatcherInfo(written)), written, 'serializeWatcherInfo'),
};

export const pidfCampaigns: readonly FuzzCampaign[] = [
  defineCampaign(presenceCampaign),
  defineCampaign(watcherInfoCampaign),
];

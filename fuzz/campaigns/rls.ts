// Campaigns for @simplekit/rls: multipart framing (RFC 2046/2387), RLMI (RFC 4662 §5) and whole notifications.
import { Buffer } from 'node:buffer';
import { parsePresence } from '@simplekit/pidf';
import {
  decodeRlsNotification,
  formatMediaType,
  InstanceBody,
  type Multipart,
  parseMultipart,
  parseRlmi,
  type RlmiList,
  RlsError,
  serialiseMultipart,
  serialiseRlmi,
} from '@simplekit/rls';
import fc from 'fast-check';
import { type Campaign, defineCampaign, type FuzzCampaign } from '../harness.js';
import { mutated, SIP_TOKENS, XML_TOKENS } from '../mutate.js';
import { expectStable, fixtureText } from './seeds.js';

const notifications = ['rfc4662-full-state', 'rfc4662-partial-nested', 'kamailio-full-state'].map((name) => ({
  body: fixtureText('rls', `${name}.multipart`),
  contentType: fixtureText('rls', `${name}.content-type`).trim(),
}));

const isRlsError = (error: unknown): boolean => error instanceof RlsError;

type NotificationInput = { readonly body: string; readonly contentType: string };

const notificationInput = fc.record({
  body: mutated(
    notifications.map((n) => n.body),
    [...SIP_TOKENS, ...XML_TOKENS],
  ),
  contentType: mutated(
    notifications.map((n) => n.contentType),
    SIP_TOKENS,
  ),
});

const multipart: Campaign<NotificationInput, Multipart> = {
  name: 'rls/multipart',
  input: notificationInput,
  parse: ({ body, contentType }) => parseMultipart(Buffer.from(body, 'latin1'), contentType),
  isTypedError: isRlsError,
  // Every usable part's type, Content-ID and decoded body survive serialising and parsing again.
  roundTrip: (parsed) => {
    const usable = parsed.parts.filter((p) => p.problem === undefined);
    if (usable.length === 0) return;
    const written = serialiseMultipart({
      essence: parsed.contentType.essence,
      parts: usable.map((p) => ({
        contentType: formatMediaType(p.contentType.essence, p.contentType.params),
        ...(p.contentId === undefined ? {} : { contentId: p.contentId }),
        body: p.body,
      })),
    });
    const again = parseMultipart(written.body, written.contentType);
    const view = (m: readonly Multipart['parts'][number][]) =>
      JSON.stringify(m.map((p) => [p.contentType.essence, p.contentId, Buffer.from(p.body).toString('base64')]));
    expectStable(view(again.parts), view(usable), 'serialiseMultipart');
  },
};

const rlmiSeeds = notifications.map((n) =>
  Buffer.from(parseMultipart(Buffer.from(n.body, 'latin1'), n.contentType).root.body).toString('utf8'),
);

const rlmi: Campaign<string, RlmiList> = {
  name: 'rls/rlmi',
  input: mutated(rlmiSeeds, XML_TOKENS),
  parse: (text) => parseRlmi(text),
  isTypedError: isRlsError,
  roundTrip: (list) => {
    const written = serialiseRlmi(list);
    expectStable(serialiseRlmi(parseRlmi(written)), written, 'serialiseRlmi');
  },
};

const notification: Campaign<NotificationInput, number> = {
  name: 'rls/notification',
  input: notificationInput,
  parse: ({ body, contentType }) => {
    const decoded = decodeRlsNotification(Buffer.from(body, 'latin1'), contentType, {
      decoders: { 'application/pidf+xml': (bytes) => parsePresence(bytes) },
    });
    let count = 0;
    for (const resource of decoded.resources) {
      for (const instance of resource.instances) {
        // A body that does not decode is reported on its instance, never thrown past the package's error class.
        if (instance.content instanceof InstanceBody) instance.content.result();
        count += 1;
      }
    }
    return count;
  },
  isTypedError: isRlsError,
};

export const rlsCampaigns: readonly FuzzCampaign[] = [
  defineCampaign(multipart),
  defineCampaign(rlmi),
  defineCampaign(notification),
];

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PidfError } from '../errors.js';
import { fixture } from '../test-support/fixtures.js';
import { parseWatcherInfo } from './parse.js';
import { serializeWatcherInfo } from './write.js';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof PidfError ? error.code : `not a PidfError: ${String(error)}`;
  }
  return 'no error';
}

const WINFO = 'xmlns="urn:ietf:params:xml:ns:watcherinfo"';

describe('parseWatcherInfo', () => {
  it('reads the RFC 3858 full-state example', () => {
    expect(parseWatcherInfo(fixture('rfc3858-full.xml'))).toEqual({
      version: 0,
      state: 'full',
      lists: [
        {
          resource: 'sip:professor@example.net',
          package: 'presence',
          watchers: [
            {
              id: '8ajksjda7s',
              uri: 'sip:userA@example.net',
              status: 'active',
              event: 'approved',
              durationSubscribed: 509,
            },
            {
              id: 'hh8juja87s997-ass7',
              uri: 'sip:userB@example.org',
              status: 'pending',
              event: 'subscribe',
              displayName: 'Mr. Subscriber',
            },
          ],
        },
      ],
    });
  });

  it('reads a partial document with expiration, ignoring other namespaces', () => {
    const doc = parseWatcherInfo(fixture('rfc3858-partial.xml'));
    expect(doc.state).toBe('partial');
    expect(doc.lists[0]?.watchers.map((w) => [w.id, w.status, w.event, w.expiration])).toEqual([
      ['hh8juja87s997-ass7', 'active', 'approved', 3600],
      ['8ajksjda7s', 'terminated', 'timeout', undefined],
    ]);
    const extended = parseWatcherInfo(
      `<watcherinfo ${WINFO} xmlns:x="urn:x" version="3" state="full" x:a="1"><x:extra/><watcher-list resource="r" package="presence"><x:more/></watcher-list></watcherinfo>`,
    );
    expect(extended.lists).toEqual([{ resource: 'r', package: 'presence', watchers: [] }]);
  });

  it.each([
    ['a PIDF document', '<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:a@b"/>', 'PIDF_WRONG_NAMESPACE'],
    ['no version', `<watcherinfo ${WINFO} state="full"/>`, 'PIDF_INVALID'],
    ['a bad version', `<watcherinfo ${WINFO} version="-1" state="full"/>`, 'PIDF_INVALID'],
    ['a bad state', `<watcherinfo ${WINFO} version="1" state="half"/>`, 'PIDF_INVALID'],
    [
      'a watcher without id',
      `<watcherinfo ${WINFO} version="1" state="full"><watcher-list resource="r" package="p"><watcher status="active" event="approved">sip:a</watcher></watcher-list></watcherinfo>`,
      'PIDF_INVALID',
    ],
    [
      'an unknown status',
      `<watcherinfo ${WINFO} version="1" state="full"><watcher-list resource="r" package="p"><watcher id="1" status="happy" event="approved">sip:a</watcher></watcher-list></watcherinfo>`,
      'PIDF_INVALID',
    ],
    ['malformed XML', `<watcherinfo ${WINFO}`, 'PIDF_MALFORMED'],
    ['a DOCTYPE', `<!DOCTYPE watcherinfo><watcherinfo ${WINFO}/>`, 'PIDF_HOSTILE'],
  ])('rejects %s', (_, xml, code) => {
    expect(codeOf(() => parseWatcherInfo(xml))).toBe(code);
  });

  it('never throws anything but PidfError on damaged input', () => {
    const seed = new TextDecoder().decode(fixture('rfc3858-full.xml'));
    const damaged = fc
      .tuple(fc.nat({ max: seed.length }), fc.nat({ max: 30 }), fc.string({ maxLength: 6 }))
      .map(([at, cut, insert]) => seed.slice(0, at) + insert + seed.slice(at + cut));
    fc.assert(
      fc.property(damaged, (input) => {
        try {
          parseWatcherInfo(input);
        } catch (error) {
          expect(error).toBeInstanceOf(PidfError);
        }
      }),
      { seed: 42, numRuns: 800 },
    );
  });
});

describe('serializeWatcherInfo', () => {
  it('writes documents that read back the same', () => {
    for (const name of ['rfc3858-full.xml', 'rfc3858-partial.xml']) {
      const doc = parseWatcherInfo(fixture(name));
      expect(parseWatcherInfo(serializeWatcherInfo(doc))).toEqual(doc);
    }
    const written = serializeWatcherInfo({
      version: 2,
      state: 'full',
      lists: [
        {
          resource: 'sip:me@example.com',
          package: 'presence',
          watchers: [{ id: 'w1', uri: 'sip:a@example.com', status: 'pending', event: 'subscribe', lang: 'en' }],
        },
      ],
    });
    expect(written).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="2" state="full">' +
        '<watcher-list resource="sip:me@example.com" package="presence">' +
        '<watcher id="w1" status="pending" event="subscribe" xml:lang="en">sip:a@example.com</watcher>' +
        '</watcher-list></watcherinfo>',
    );
  });
});

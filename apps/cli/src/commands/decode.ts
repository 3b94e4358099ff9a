import { KIND_NAMES } from '../decode/kinds.js';
import { type CommandSpec, stringOption } from '../frame/command.js';
import { readInput } from '../frame/input.js';

export const decodeCommand: CommandSpec = {
  path: ['decode'],
  summary: 'Decode a SIP message, presence document, RLS notification, XCAP document or trace file',
  args: '[file|-]',
  description: [
    'Reads the file (or stdin) and recognises what it is: a SIP message (its body is decoded by its Content-Type),',
    'a trace file written by SimpleKit, or an XML document by its root element. A multipart/related RLS body is',
    'recognised by its first boundary; --content-type gives its exact media type (with the boundary) or forces any',
    'other kind. Invalid input ends with exit status 1 and a one-line error.',
    '',
    `Kinds: ${KIND_NAMES.join(', ')}.`,
  ].join('\n'),
  json: true,
  options: {
    'content-type': {
      type: 'string',
      short: 't',
      valueName: 'type',
      description: 'the media type of the input, e.g. \'multipart/related;type="application/rlmi+xml";boundary=b\'',
    },
  },
  positionals: { min: 0, max: 1 },
  examples: [
    'simplekit decode notify.sip',
    "simplekit decode --json presence.xml | jq '.summary.availability'",
    'simplekit decode -t \'multipart/related;type="application/rlmi+xml";boundary=b\' body.txt',
    'simplekit decode ~/.local/state/simplekit/accounts/alice@example.com/trace.log',
  ],
  async run(context) {
    const [{ decodeDocument }, { kindOfContentType, sniff }] = await Promise.all([
      import('../decode/document.js'),
      import('../decode/sniff.js'),
    ]);
    const given = stringOption(context, 'content-type');
    const sniffedFromType = given === undefined ? undefined : kindOfContentType(given);
    const bytes = await readInput(context.io, context.positionals[0], 'decode');
    const decoded = decodeDocument(bytes, sniffedFromType ?? sniff(bytes));
    if (context.json) context.printJson({ kind: decoded.kind, ...decoded.json });
    else for (const line of decoded.render(context.style)) context.print(line);
    return 0;
  },
};

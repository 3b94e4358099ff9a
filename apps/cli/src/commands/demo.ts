import { createNarrator } from '../demo/narrator.js';
import type { DemoSide } from '../demo/side.js';
import type { DemoWorld } from '../demo/testbed.js';
import type { CommandSpec } from '../frame/command.js';
import { cliVersion } from '../version.js';

export const demoCommand: CommandSpec = {
  path: ['demo'],
  summary: 'Start a private testbed, sign in alice and bob, and play a scripted presence scenario',
  description: [
    'Starts Kamailio on loopback in a temporary folder, creates the accounts alice and bob (each with its own',
    'storage, like two machines) and plays: alice adds bob, bob allows her and adds her back, status and note',
    'changes, an icon, a block. Every line says what one side sees. It ends by itself and removes everything,',
    'also on Ctrl-C or failure.',
  ].join('\n'),
  async run(context) {
    const [{ playScenario }, { createDemoSide }, { createDemoWorld }] = await Promise.all([
      import('../demo/scenario.js'),
      import('../demo/side.js'),
      import('../demo/testbed.js'),
    ]);
    const narrator = createNarrator(context.io.stdout, context.style);
    let world: DemoWorld | undefined;
    const sides: DemoSide[] = [];
    try {
      narrator.step('starting a private testbed (Kamailio on 127.0.0.1)');
      world = await context.progress.run('starting Kamailio', () => createDemoWorld());
      const tb = world.testbed;
      narrator.note(`SIP tcp 127.0.0.1:${tb.sip.tcpPort}, XCAP ${tb.xcap.root}, domain ${tb.domain}`);
      for (const name of ['alice', 'bob'] as const) {
        sides.push(
          createDemoSide({
            world,
            name,
            narrator,
            style: context.style,
            signal: context.signal,
            version: cliVersion(),
          }),
        );
      }
      const [alice, bob] = sides as [DemoSide, DemoSide];
      narrator.step('alice and bob sign in');
      await context.progress.run('signing in', () => Promise.all(sides.map((s) => s.account.start())));
      await Promise.all(
        sides.map((s) => s.until('its registration', (snap) => snap.health.registration.state === 'ok')),
      );
      await playScenario(alice, bob, narrator);
      narrator.step('done: alice and bob sign out, the testbed stops');
      return 0;
    } finally {
      for (const side of sides) side.mute();
      await context.progress.run(
        'cleaning up',
        async () => {
          await Promise.allSettled(sides.map((s) => s.account.stop()));
          await world?.dispose();
        },
        { uninterruptible: true },
      );
    }
  },
};

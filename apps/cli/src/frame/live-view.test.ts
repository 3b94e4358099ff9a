import { describe, expect, it } from 'vitest';
import { memoryStream } from '../test-support/memory-io.js';
import { createLiveView } from './live-view.js';

describe('createLiveView', () => {
  it('hides the cursor, draws, then moves up over the old block and erases it before redrawing', () => {
    const stream = memoryStream(true);
    let now = 0;
    const view = createLiveView({ stream, minIntervalMs: 0, now: () => now });
    view.show(['a', 'b']);
    now += 10;
    view.show(['c']);
    view.close();
    expect(stream.text()).toBe('\u001b[?25l\u001b[Ja\nb\n\u001b[2A\r\u001b[Jc\n\u001b[?25h');
  });

  it('draws only the latest lines when updates come faster than the interval', async () => {
    const stream = memoryStream(true);
    const view = createLiveView({ stream, minIntervalMs: 30 });
    view.show(['1']);
    view.show(['2']);
    view.show(['3']);
    await new Promise((r) => setTimeout(r, 60));
    view.close();
    expect(stream.text()).toBe('\u001b[?25l\u001b[J1\n\u001b[1A\r\u001b[J3\n\u001b[?25h');
  });

  it('cuts lines to the terminal width without counting colour codes', () => {
    let text = '';
    const view = createLiveView({ stream: { isTTY: true, columns: 5, write: (t) => (text += t) }, minIntervalMs: 0 });
    view.show(['\u001b[1mabcdefgh\u001b[22m']);
    view.close();
    expect(text).toContain('\u001b[1mabcd');
    expect(text).not.toContain('abcde');
  });
});

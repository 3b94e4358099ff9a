import type { Account, AccountSnapshot } from '@simplekit/account';
import type { Page } from 'playwright-core';

/** Resolves with the first snapshot (now or later) for which `done` holds; rejects after `timeoutMs`. */
export function until(
  account: Account,
  done: (s: AccountSnapshot) => boolean,
  timeoutMs: number,
): Promise<AccountSnapshot> {
  const now = account.getSnapshot();
  if (done(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`not reached within ${timeoutMs} ms: ${JSON.stringify(account.getSnapshot().health)}`));
    }, timeoutMs);
    const off = account.subscribe((s) => {
      if (!done(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

/** A real PNG drawn by Chromium: a coloured square with initials, as a user's picture would be. */
export async function drawIcon(page: Page, initials: string, colour: string): Promise<Buffer> {
  const dataUrl = await page.evaluate(
    ([text, fill]) => {
      const canvas = document.createElement('canvas');
      canvas.width = 96;
      canvas.height = 96;
      const g = canvas.getContext('2d');
      if (g === null) return '';
      g.fillStyle = fill ?? '#888';
      g.fillRect(0, 0, 96, 96);
      g.fillStyle = '#fff';
      g.font = 'bold 40px sans-serif';
      g.textAlign = 'center';
      g.textBaseline = 'middle';
      g.fillText(text ?? '?', 48, 52);
      return canvas.toDataURL('image/png');
    },
    [initials, colour],
  );
  return Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');
}

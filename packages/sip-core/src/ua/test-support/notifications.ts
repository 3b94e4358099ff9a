import type { Notification, Subscription } from '../../subscription/subscription.js';

/** The first notification of a subscription: often already there when `subscribe()` resolves. */
export function firstNotification(subscription: Subscription, timeoutMs = 5000): Promise<Notification> {
  return nextNotify(subscription, () => true, timeoutMs);
}

/** Resolves with the latest or next notification that satisfies `test`. */
export function nextNotify(
  subscription: Subscription,
  test: (n: Notification) => boolean,
  timeoutMs = 5000,
): Promise<Notification> {
  const last = subscription.lastNotification;
  if (last !== undefined && test(last)) return Promise.resolve(last);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('no matching NOTIFY'));
    }, timeoutMs);
    const off = subscription.on('notify', (n) => {
      if (!test(n)) return;
      clearTimeout(timer);
      off();
      resolve(n);
    });
  });
}

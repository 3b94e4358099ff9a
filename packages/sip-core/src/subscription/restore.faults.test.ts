import { describe, expect, it } from 'vitest';
import { TransactionError } from '../transaction/errors.js';
import { reply, scriptedSender, settle, testContext } from '../ua/test-support/scripted-sender.js';
import { Subscription, type SubscriptionTermination } from './subscription.js';

// Found by proof/faults (proxy.faults.integration.test.ts): the connection comes back, the user agent restores
// every subscription, and the connection dies again before the SUBSCRIBE is answered. The transport error is not
// the notifier's answer: like the registration and the publications, the subscription must be restored on the next
// reconnect instead of ending for good.
describe('a subscription whose restoring SUBSCRIBE is lost with the connection', () => {
  it('is restored again on the next reconnect instead of ending', async () => {
    let loseNext = false;
    const sender = scriptedSender((request) => {
      if (loseNext) {
        loseNext = false;
        throw new TransactionError('TRANSPORT_ERROR', 'SUBSCRIBE', 'connection lost before the SUBSCRIBE was answered');
      }
      return reply(request, 200, [
        ['Expires', '300'],
        ['Contact', '<sip:notifier@192.0.2.1;transport=tcp>'],
      ]);
    });
    const subscription = new Subscription(testContext(sender), { target: 'sip:bob@example.com', event: 'presence' });
    const ended: SubscriptionTermination[] = [];
    subscription.on('terminated', (t) => ended.push(t));
    await subscription.start();

    loseNext = true;
    await subscription.restore()?.catch(() => undefined);
    await settle();
    const second = subscription.restore();

    expect(ended).toEqual([]);
    expect(second).toBeDefined();
    await second;
    const subscribes = sender.requests.filter((r) => r.method === 'SUBSCRIBE');
    // Three that subscribe, and one that ends the dialog the first restore abandoned.
    expect(subscribes.filter((r) => r.headers.get('expires') !== '0')).toHaveLength(3);
    expect(subscribes.filter((r) => r.headers.get('expires') === '0')).toHaveLength(1);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InstanceBody } from '../notification/body.js';
import { decodeRlsNotification } from '../notification/decode.js';
import type { RlsNotification } from '../notification/types.js';
import {
  buildNotify,
  pidfDocument,
  type TestPresence,
  type TestResource,
  testDecoders,
} from '../test-support/presence.js';
import { ListSubscriptionState } from './list-subscription-state.js';

const LIST = 'sip:list@rls.example.com';
const URIS = ['sip:a@x', 'sip:b@x', 'sip:c@x', 'sip:d@x', 'sip:e@x'];
const IDS = ['i0', 'i1', 'i2'];

type Op =
  | {
      readonly uri: number;
      readonly id: number;
      readonly action: 'active';
      readonly basic: string;
      readonly note: string;
    }
  | { readonly uri: number; readonly id: number; readonly action: 'pending' }
  | { readonly uri: number; readonly id: number; readonly action: 'terminate'; readonly reason: string };

interface ModelInstance {
  readonly state: 'active' | 'pending';
  readonly body?: string;
}
interface ModelResource {
  readonly instances: Map<string, ModelInstance>;
  terminated: boolean;
  reason: string | undefined;
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    uri: fc.nat({ max: URIS.length - 1 }),
    id: fc.nat({ max: IDS.length - 1 }),
    action: fc.constant('active' as const),
    basic: fc.constantFrom('open', 'closed'),
    note: fc.constantFrom('', 'busy', 'lunch', 'away'),
  }),
  fc.record({
    uri: fc.nat({ max: URIS.length - 1 }),
    id: fc.nat({ max: IDS.length - 1 }),
    action: fc.constant('pending' as const),
  }),
  fc.record({
    uri: fc.nat({ max: URIS.length - 1 }),
    id: fc.nat({ max: IDS.length - 1 }),
    action: fc.constant('terminate' as const),
    reason: fc.constantFrom('rejected', 'noresource', 'timeout'),
  }),
);

function instanceOf(op: Op): TestResource['instances'][number] {
  const id = IDS[op.id] ?? 'i';
  const uri = URIS[op.uri] ?? '';
  if (op.action === 'active') return { id, state: 'active', body: pidfDocument(uri, op.basic, op.note || undefined) };
  if (op.action === 'pending') return { id, state: 'pending' };
  return { id, state: 'terminated', reason: op.reason };
}

/** Groups one step's operations per resource, the last operation on an instance winning (as one NOTIFY would). */
function stepResources(ops: readonly Op[]): TestResource[] {
  const byUri = new Map<string, Map<string, TestResource['instances'][number]>>();
  for (const op of ops) {
    const uri = URIS[op.uri] ?? '';
    const instances = byUri.get(uri) ?? new Map();
    instances.set(IDS[op.id] ?? 'i', instanceOf(op));
    byUri.set(uri, instances);
  }
  return [...byUri].map(([uri, instances]) => ({ uri, instances: [...instances.values()] }));
}

function applyToModel(model: Map<string, ModelResource>, resources: readonly TestResource[]): void {
  for (const resource of resources) {
    const held = model.get(resource.uri) ?? { instances: new Map(), terminated: false, reason: undefined };
    model.set(resource.uri, held);
    for (const instance of resource.instances) {
      if (instance.state === 'terminated') {
        held.instances.delete(instance.id);
        held.terminated = true;
        held.reason = instance.reason;
      } else {
        held.instances.set(instance.id, {
          state: instance.state,
          ...(instance.body === undefined ? {} : { body: instance.body }),
        });
      }
    }
  }
}

/** The single full state that describes the model; a resource whose last instance ended lists that termination. */
function fullStateOf(model: Map<string, ModelResource>): TestResource[] {
  return [...model].map(([uri, resource]) => {
    const instances: TestResource['instances'][number][] = [...resource.instances].map(([id, i]) => ({ id, ...i }));
    if (instances.length === 0 && resource.terminated) {
      instances.push({
        id: 'gone',
        state: 'terminated',
        ...(resource.reason === undefined ? {} : { reason: resource.reason }),
      });
    }
    return { uri, instances };
  });
}

function decode(
  version: number,
  fullState: boolean,
  resources: readonly TestResource[],
): RlsNotification<TestPresence> {
  const { body, contentType } = buildNotify(LIST, version, fullState, resources);
  return decodeRlsNotification(body, contentType, { decoders: testDecoders });
}

function snapshot(state: ListSubscriptionState<TestPresence>): unknown {
  return [...state.resources()]
    .map((r) => ({
      uri: r.uri,
      status: r.status,
      reason: r.terminationReason,
      instances: r.instances
        .map((i) => [i.id, i.state, i.content instanceof InstanceBody ? i.content.value() : null] as const)
        .sort((x, y) => x[0].localeCompare(y[0])),
    }))
    .sort((x, y) => x.uri.localeCompare(y.uri));
}

describe('ListSubscriptionState (properties)', () => {
  it('reaches the same state from a full state plus partials in any delivery order as from one full state', () => {
    const scenario = fc
      .record({
        initial: fc.array(
          opArb.filter((op) => op.action !== 'terminate'),
          { maxLength: 6 },
        ),
        steps: fc.array(fc.record({ ops: fc.array(opArb, { minLength: 1, maxLength: 3 }), full: fc.boolean() }), {
          maxLength: 6,
        }),
      })
      .chain(({ initial, steps }) => {
        // A step may also arrive as a full state (a refresh mid-stream): then it lists the whole list as it is.
        const running = new Map<string, ModelResource>();
        applyToModel(running, stepResources(initial));
        const notifications = [{ version: 0, full: true, resources: stepResources(initial) }];
        steps.forEach(({ ops, full }, i) => {
          applyToModel(running, stepResources(ops));
          notifications.push({ version: i + 1, full, resources: full ? fullStateOf(running) : stepResources(ops) });
        });
        return fc.record({
          notifications: fc.constant(notifications),
          final: fc.constant(running),
          order: fc.shuffledSubarray(notifications, {
            minLength: notifications.length,
            maxLength: notifications.length,
          }),
        });
      });
    fc.assert(
      fc.property(scenario, ({ notifications, order, final }) => {
        const incremental = new ListSubscriptionState<TestPresence>();
        for (const n of order) incremental.apply(decode(n.version, n.full, n.resources));
        const direct = new ListSubscriptionState<TestPresence>();
        direct.apply(decode(0, true, fullStateOf(final)));

        expect(incremental.needsFullState).toBe(false);
        expect(incremental.version).toBe(notifications.length - 1);
        expect(snapshot(incremental)).toEqual(snapshot(direct));
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('reports changes that, replayed on the previous resources, give the new state', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(opArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (steps) => {
          const state = new ListSubscriptionState<TestPresence>();
          state.apply(decode(0, true, []));
          const mirror = new Map<string, unknown>();
          steps.forEach((ops, i) => {
            const result = state.apply(decode(i + 1, false, stepResources(ops)));
            for (const change of result.changes) {
              if (change.type === 'removed') mirror.delete(change.uri);
              else mirror.set(change.uri, change.resource);
            }
          });
          expect(mirror).toEqual(new Map([...state.resources()].map((r) => [r.uri, r])));
        },
      ),
      { seed: 42, numRuns: 60 },
    );
  });
});

import {
  decodeRlsNotification,
  InstanceBody,
  type InstanceState,
  ListSubscriptionState,
  type ResourceState,
  type RlsProblem,
} from '@simplekit/rls';
import type { PresenceView } from '../state/types.js';
import { type InstanceDecoder, type InstanceSummary, summariseInstance } from './instance-summary.js';
import { presenceViewOf } from './presence-view.js';

export interface PresenceListUpdate {
  /** The presence map after the notification (the same object when nothing changed). */
  readonly presence: Readonly<Record<string, PresenceView>>;
  /** URIs whose view changed or appeared or left. */
  readonly changed: readonly string[];
  /** RFC 4662 §5.2: a gap in versions or no full state yet; the subscription should be refreshed. */
  readonly needsFullState: boolean;
  readonly problems: readonly RlsProblem[];
}

export interface PresenceListOptions {
  readonly now?: () => number;
  /** Turns one PIDF body into its summary (default: `@simplekit/pidf`'s parser and summary). */
  readonly decode?: InstanceDecoder;
  /** Most bodies decoded in one go: while applying a NOTIFY, then per deferred batch. Default 32. */
  readonly batchSize?: number;
  /** Runs the next batch later; returns a cancel function. Default `setImmediate`. */
  readonly defer?: (run: () => void) => () => void;
  /** Receives what each deferred batch changed. */
  readonly onDeferred?: (update: PresenceListUpdate) => void;
}

interface ShownInstance {
  readonly id: string;
  readonly body: InstanceBody<InstanceSummary>;
  readonly summary: InstanceSummary;
}

const immediately = (run: () => void): (() => void) => {
  const handle = setImmediate(run);
  return () => clearImmediate(handle);
};

/** The instance's PIDF body; nested lists (RFC 4662 §5.2) are not presence documents of the resource itself. */
function bodyOf(instance: InstanceState<InstanceSummary>): InstanceBody<InstanceSummary> | undefined {
  return instance.content instanceof InstanceBody ? instance.content : undefined;
}

/**
 * Our RLS presence list (RFC 4662): decodes each NOTIFY with `@simplekit/rls`, applies it to a lazy
 * `ListSubscriptionState`, and turns the per-resource changes into presence views.
 *
 * A PIDF body is decoded only when it is new: bytes equal to the body last shown for the resource (by any instance,
 * so also after a new dialog renamed the instances) reuse that summary. A full state of a large list does not block
 * the event loop: resources whose view needs no decoding change at once, the others `batchSize` bodies at a time,
 * the first batch with the NOTIFY and the rest in later turns (`onDeferred`). Until its turn a resource keeps the view
 * it had, so every presence map is a consistent, frozen picture.
 */
export class PresenceList {
  readonly #state = new ListSubscriptionState<InstanceSummary>({ decode: 'lazy' });
  readonly #now: () => number;
  readonly #decode: InstanceDecoder;
  readonly #batchSize: number;
  readonly #defer: (run: () => void) => () => void;
  readonly #onDeferred: ((update: PresenceListUpdate) => void) | undefined;
  #presence: Readonly<Record<string, PresenceView>> = Object.freeze({});
  /** Resources whose view waits for the decoding of their bodies, in the order they changed. */
  readonly #queue = new Set<string>();
  /** The instances each current view was built from. */
  readonly #shown = new Map<string, readonly ShownInstance[]>();
  /** Summaries of bodies that repeat the bytes of a body shown before. */
  readonly #reused = new WeakMap<InstanceBody<InstanceSummary>, InstanceSummary>();
  /** Bodies already compared with the shown ones and found new. */
  readonly #fresh = new WeakSet<InstanceBody<InstanceSummary>>();
  #cancel: (() => void) | undefined;
  readonly #waiting: (() => void)[] = [];

  constructor(options: PresenceListOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#decode = options.decode ?? summariseInstance;
    this.#batchSize = Math.max(1, options.batchSize ?? 32);
    this.#defer = options.defer ?? immediately;
    this.#onDeferred = options.onDeferred;
  }

  get presence(): Readonly<Record<string, PresenceView>> {
    return this.#presence;
  }

  /** How many resources still wait for their bodies to be decoded. */
  get pending(): number {
    return this.#queue.size;
  }

  /** A new subscription (dialog) began: its versions start again (RFC 4662 §5.2). */
  restart(): void {
    this.#state.restart();
  }

  /** Resolves once no resource waits for decoding. */
  decoded(): Promise<void> {
    if (this.#queue.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** Stops deferred decoding (the engine stopped); views stay as they are. */
  close(): void {
    this.#cancel?.();
    this.#cancel = undefined;
    this.#queue.clear();
    this.#wake();
  }

  /** Throws `RlsError` when the body as a whole is unusable. */
  apply(body: Uint8Array, contentType: string): PresenceListUpdate {
    const notification = decodeRlsNotification<InstanceSummary>(body, contentType, {
      decoders: { 'application/pidf+xml': (bytes) => this.#decode(bytes) },
    });
    const result = this.#state.apply(notification);
    if (result.changes.length > 0) {
      // What this NOTIFY changed goes first, so a partial state shows at once even behind a large queue. The queue
      // holds URIs: a view is always built from the resource as it stands then.
      const waiting = [...this.#queue];
      this.#queue.clear();
      for (const change of result.changes) this.#queue.add(change.uri);
      for (const uri of waiting) this.#queue.add(uri);
    }
    const problems = [...result.problems];
    const changed = this.#process(problems, false);
    this.#schedule();
    return { presence: this.#presence, changed, needsFullState: result.needsFullState, problems };
  }

  #schedule(): void {
    if (this.#queue.size === 0) {
      this.#wake();
      return;
    }
    this.#cancel ??= this.#defer(() => {
      this.#cancel = undefined;
      const problems: RlsProblem[] = [];
      const changed = this.#process(problems, true);
      this.#schedule();
      if (changed.length > 0 || problems.length > 0) {
        this.#onDeferred?.({ presence: this.#presence, changed, needsFullState: false, problems });
      }
    });
  }

  #wake(): void {
    for (const resolve of this.#waiting.splice(0)) resolve();
  }

  /**
   * Builds the views of queued resources: every one that needs no decoding, and those that do while the batch lasts.
   * A deferred batch stops at the first resource over budget (the cheap ones went with the NOTIFY).
   */
  #process(problems: RlsProblem[], deferred: boolean): string[] {
    const changed: string[] = [];
    let next: Record<string, PresenceView> | undefined;
    let budget = this.#batchSize;
    const now = this.#now();
    for (const uri of this.#queue) {
      const resource = this.#state.resource(uri);
      if (resource !== undefined) {
        const cost = this.#cost(uri, resource);
        if (cost > 0 && budget <= 0) {
          if (deferred) break;
          continue;
        }
        budget -= cost;
      }
      this.#queue.delete(uri);
      const previous = this.#presence[uri];
      const view = resource === undefined ? undefined : this.#view(uri, resource, previous, problems, now);
      if (view === previous) continue;
      next ??= { ...this.#presence };
      if (view === undefined) delete next[uri];
      else next[uri] = view;
      changed.push(uri);
    }
    if (next !== undefined) this.#presence = Object.freeze(next);
    return changed;
  }

  /** How many bodies building this resource's view would decode. */
  #cost(uri: string, resource: ResourceState<InstanceSummary>): number {
    let cost = 0;
    for (const instance of resource.instances) {
      const body = bodyOf(instance);
      if (instance.state !== 'active' || body === undefined || body.decoded || this.#reused.has(body)) continue;
      if (!this.#fresh.has(body)) {
        const same = this.#shown.get(uri)?.find((s) => s.body.sameContent(body));
        if (same !== undefined) {
          this.#reused.set(body, same.summary);
          continue;
        }
        this.#fresh.add(body);
      }
      cost += 1;
    }
    return cost;
  }

  #view(
    uri: string,
    resource: ResourceState<InstanceSummary>,
    previous: PresenceView | undefined,
    problems: RlsProblem[],
    now: number,
  ): PresenceView {
    const shown: ShownInstance[] = [];
    const before = this.#shown.get(uri) ?? [];
    for (const instance of resource.instances) {
      const body = bodyOf(instance);
      if (instance.state !== 'active' || body === undefined) continue;
      const summary = this.#summary(uri, instance.id, body, before, problems);
      if (summary !== undefined) shown.push({ id: instance.id, body, summary });
    }
    if (shown.length > 0) this.#shown.set(uri, shown);
    else this.#shown.delete(uri);
    return presenceViewOf(
      resource,
      shown.map((s) => s.summary),
      previous,
      now,
    );
  }

  #summary(
    uri: string,
    id: string,
    body: InstanceBody<InstanceSummary>,
    before: readonly ShownInstance[],
    problems: RlsProblem[],
  ): InstanceSummary | undefined {
    const reused = this.#reused.get(body);
    if (reused !== undefined) return reused;
    const first = !body.decoded;
    const result = body.result();
    if (result.ok) return result.value;
    // A broken document (RFC 4662 leaves its handling to us): report it once, and keep what this instance showed.
    if (first) problems.push({ error: result.error, resourceUri: uri, instanceId: id });
    return before.find((s) => s.id === id)?.summary;
  }
}

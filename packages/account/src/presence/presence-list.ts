import { type PresenceDocument, parsePresence } from '@simplekit/pidf';
import { decodeRlsNotification, ListSubscriptionState, type RlsProblem } from '@simplekit/rls';
import type { PresenceView } from '../state/types.js';
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

/**
 * Our RLS presence list (RFC 4662): decodes each NOTIFY with `@simplekit/rls`, applies it to a
 * `ListSubscriptionState`, and turns the per-resource changes into presence views, reusing the views of resources
 * that did not change.
 */
export class PresenceList {
  readonly #state = new ListSubscriptionState<PresenceDocument>({ decode: 'eager' });
  #presence: Readonly<Record<string, PresenceView>> = Object.freeze({});

  get presence(): Readonly<Record<string, PresenceView>> {
    return this.#presence;
  }

  /** A new subscription (dialog) began: its versions start again (RFC 4662 §5.2). */
  restart(): void {
    this.#state.restart();
  }

  /** Throws `RlsError` when the body as a whole is unusable. */
  apply(body: Uint8Array, contentType: string, now: number): PresenceListUpdate {
    const notification = decodeRlsNotification<PresenceDocument>(body, contentType, {
      decoders: { 'application/pidf+xml': (bytes) => parsePresence(bytes) },
    });
    const result = this.#state.apply(notification);
    const changed: string[] = [];
    let next: Record<string, PresenceView> | undefined;
    for (const change of result.changes) {
      next ??= { ...this.#presence };
      changed.push(change.uri);
      if (change.type === 'removed') delete next[change.uri];
      else next[change.uri] = presenceViewOf(change.resource, this.#presence[change.uri], now);
    }
    if (next) this.#presence = Object.freeze(next);
    return {
      presence: this.#presence,
      changed,
      needsFullState: result.needsFullState,
      problems: result.problems,
    };
  }
}

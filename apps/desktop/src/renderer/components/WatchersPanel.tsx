import type { Contact, Watcher } from '@simplekit/account';
import { displayAddress } from '../view/status.js';
import { Avatar } from './Avatar.js';
import { Panel } from './Panel.js';

/** "People watching my presence": the engine's `watching` (active watchers the server reports, blocked ones left out). */
export function WatchersPanel(props: {
  readonly watching: readonly Watcher[];
  readonly contacts: readonly Contact[];
  readonly onClose: () => void;
}) {
  // A watcher who is also a contact goes by the contact's name.
  const nameOf = (w: Watcher) =>
    props.contacts.find((c) => c.uris.some((u) => u.uri === w.uri))?.name ?? w.displayName ?? displayAddress(w.uri);
  return (
    <Panel title="People watching my presence" testId="watchers-panel" onClose={props.onClose}>
      {props.watching.length === 0 ? (
        <p className="muted">Nobody is watching your presence right now.</p>
      ) : (
        <ul className="plain-list">
          {props.watching.map((w) => (
            <li key={w.uri} className="plain-row" data-testid={`watcher:${w.uri}`}>
              <Avatar name={nameOf(w)} />
              <span>
                <span className="tile-name">{nameOf(w)}</span>
                <span className="tile-note">{displayAddress(w.uri)}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

import type { Watcher } from '@simplekit/account';
import { displayAddress } from '../view/status.js';
import { Avatar } from './Avatar.js';
import { Panel } from './Panel.js';

/** "People watching my presence": the active watchers the server reports. */
export function WatchersPanel(props: { readonly watching: readonly Watcher[]; readonly onClose: () => void }) {
  return (
    <Panel title="People watching my presence" testId="watchers-panel" onClose={props.onClose}>
      {props.watching.length === 0 ? (
        <p className="muted">Nobody is watching your presence right now.</p>
      ) : (
        <ul className="plain-list">
          {props.watching.map((w) => (
            <li key={w.uri} className="plain-row" data-testid={`watcher:${w.uri}`}>
              <Avatar name={w.displayName ?? displayAddress(w.uri)} />
              <span>
                <span className="tile-name">{w.displayName ?? displayAddress(w.uri)}</span>
                <span className="tile-note">{displayAddress(w.uri)}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

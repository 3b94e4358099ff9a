import type { DesktopState } from '../../bridge/api.js';
import { useApi } from './api-context.js';
import { AddContactIcon, SettingsIcon, TraceIcon, WatchersIcon } from './icons.js';

/** Account switcher and the buttons for adding contacts, watchers, preferences and the trace. */
export function Toolbar(props: {
  readonly state: DesktopState;
  readonly onPanel: (kind: 'add' | 'watchers' | 'preferences' | 'setup') => void;
}) {
  const api = useApi();
  const { state } = props;
  const watching = state.snapshot?.watching.length ?? 0;
  return (
    <nav className="toolbar">
      <select
        className="account-switcher"
        aria-label="Account"
        data-testid="account-switcher"
        value={state.activeAccountId ?? ''}
        onChange={(e) => {
          if (e.target.value === '__add__') props.onPanel('setup');
          else void api.switchAccount(e.target.value);
        }}
      >
        {state.accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.id}
          </option>
        ))}
        <option value="__add__">Add account…</option>
      </select>
      <span className="toolbar-spacer" />
      <button
        type="button"
        className="tool"
        title="Add contact"
        data-testid="add-contact"
        onClick={() => props.onPanel('add')}
      >
        <AddContactIcon />
      </button>
      <button
        type="button"
        className="tool"
        title="People watching my presence"
        data-testid="open-watchers"
        onClick={() => props.onPanel('watchers')}
      >
        <WatchersIcon />
        {watching === 0 ? null : <span className="badge">{watching}</span>}
      </button>
      <button
        type="button"
        className={`tool${state.trace.enabled ? ' tool-on' : ''}`}
        title={state.trace.enabled ? 'Protocol trace is on' : 'Protocol trace is off'}
        data-testid="trace-button"
        aria-pressed={state.trace.enabled}
        onClick={() => void api.setTraceEnabled(!state.trace.enabled)}
      >
        <TraceIcon />
      </button>
      <button
        type="button"
        className="tool"
        title="Account preferences"
        data-testid="open-preferences"
        onClick={() => props.onPanel('preferences')}
      >
        <SettingsIcon />
      </button>
    </nav>
  );
}

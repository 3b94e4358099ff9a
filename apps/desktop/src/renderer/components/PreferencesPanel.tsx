import type { Availability, OwnPresence } from '@simplekit/account';
import { useState } from 'react';
import type { DesktopState } from '../../bridge/api.js';
import { STATUS_CHOICES, statusLabel } from '../view/status.js';
import { useApi } from './api-context.js';
import { FormActions } from './FormActions.js';
import { Panel } from './Panel.js';

/** Account preferences: location (can be switched off), home page, the offline status, the protocol trace. */
export function PreferencesPanel(props: {
  readonly own: OwnPresence;
  readonly preferences: NonNullable<DesktopState['preferences']>;
  readonly trace: DesktopState['trace'];
  readonly onClose: () => void;
}) {
  const api = useApi();
  const [location, setLocation] = useState(props.own.location ?? '');
  const [homepage, setHomepage] = useState(props.own.homepage ?? '');
  const [offlineOn, setOfflineOn] = useState(props.own.offline !== undefined);
  const [offlineStatus, setOfflineStatus] = useState<Availability>(props.own.offline?.status ?? 'away');
  const [offlineNote, setOfflineNote] = useState(props.own.offline?.note ?? '');
  const [tracePath, setTracePath] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const fail = (err: unknown) => setError(err instanceof Error ? err.message : String(err));
  async function save(): Promise<void> {
    await api.setLocation(location.trim() === '' ? null : location.trim());
    await api.setHomepage(homepage.trim() === '' ? null : homepage.trim());
    await api.setOfflineStatus(offlineOn ? { status: offlineStatus, note: offlineNote } : null);
  }

  return (
    <Panel title="Account preferences" testId="preferences-panel" onClose={props.onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          save().then(props.onClose, fail);
        }}
      >
        <h3>Published information</h3>
        <label className="switch">
          <input
            type="checkbox"
            checked={props.preferences.publishLocation}
            onChange={(e) => void api.setPublishLocation(e.target.checked).catch(fail)}
          />
          <span>Publish my location</span>
        </label>
        <label className="field">
          <span>Location</span>
          <input
            name="location"
            value={location}
            disabled={!props.preferences.publishLocation}
            onChange={(e) => setLocation(e.target.value)}
            placeholder="Amsterdam, NL"
          />
        </label>
        <label className="field">
          <span>Home page</span>
          <input
            name="homepage"
            value={homepage}
            onChange={(e) => setHomepage(e.target.value)}
            placeholder="https://example.com/~me"
          />
        </label>
        <h3>When I am offline</h3>
        <label className="switch">
          <input type="checkbox" checked={offlineOn} onChange={(e) => setOfflineOn(e.target.checked)} />
          <span>Show an offline status while none of my devices is online</span>
        </label>
        <div className="uri-row">
          <select
            aria-label="Offline status"
            value={offlineStatus}
            disabled={!offlineOn}
            onChange={(e) => setOfflineStatus(e.target.value as Availability)}
          >
            {STATUS_CHOICES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
          <input
            aria-label="Offline note"
            value={offlineNote}
            disabled={!offlineOn}
            onChange={(e) => setOfflineNote(e.target.value)}
            placeholder="Back on Monday"
          />
        </div>
        <h3>Troubleshooting</h3>
        <label className="switch">
          <input
            type="checkbox"
            data-testid="trace-toggle"
            checked={props.trace.enabled}
            onChange={(e) => void api.setTraceEnabled(e.target.checked).catch(fail)}
          />
          <span>Write a protocol trace (SIP and XCAP, without passwords)</span>
        </label>
        <div className="trace-row">
          <button type="button" onClick={() => api.openTraceFile().then(setTracePath, fail)}>
            Open trace file
          </button>
          <code className="muted">{tracePath ?? props.trace.file ?? ''}</code>
        </div>
        <FormActions error={error} onCancel={props.onClose} submitLabel="Save" />
      </form>
    </Panel>
  );
}

import type { Contact, DeviceView, PresenceView } from '@simplekit/account';
import { statusLabel } from '../view/status.js';
import { Avatar } from './Avatar.js';
import { Panel } from './Panel.js';

function Row({ label, value }: { readonly label: string; readonly value: string | undefined }) {
  if (value === undefined || value === '') return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

function offset(minutes: number | undefined): string | undefined {
  if (minutes === undefined) return undefined;
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${Math.floor(abs / 60)}${abs % 60 === 0 ? '' : `:${String(abs % 60).padStart(2, '0')}`}`;
}

function DeviceRows({ device }: { readonly device: DeviceView }) {
  return (
    <div className="device" data-testid="device">
      <h4>
        <span className={`dot status-${device.availability}`} /> {device.description ?? device.id}
      </h4>
      <dl>
        <Row label="Status" value={statusLabel(device.availability)} />
        <Row label="User agent" value={device.userAgent} />
        <Row label="Address (GRUU)" value={device.contact} />
        <Row label="Local time" value={offset(device.timeOffsetMinutes)} />
        <Row label="Idle" value={device.idle === undefined ? undefined : device.idle ? 'yes' : 'no'} />
        <Row label="Notes" value={device.notes.join(' · ')} />
        <Row label="Device id" value={device.id} />
      </dl>
    </div>
  );
}

function ViewRows({ view }: { readonly view: PresenceView }) {
  return (
    <section className="info-uri">
      <h3>{view.uri}</h3>
      <dl>
        <Row
          label="Subscription"
          value={view.subscription + (view.terminationReason ? ` (${view.terminationReason})` : '')}
        />
        <Row label="Status" value={view.status ?? statusLabel(view.availability)} />
        <Row label="Display name" value={view.displayName} />
        <Row label="Notes" value={view.notes.join(' · ')} />
        <Row label="Location" value={view.location} />
        <Row label="Home page" value={view.homepage} />
        <Row label="Icon" value={view.icon} />
        <Row label="Updated" value={view.updatedAt > 0 ? new Date(view.updatedAt).toLocaleString() : undefined} />
      </dl>
      {view.devices.map((d) => (
        <DeviceRows key={d.id} device={d} />
      ))}
      {view.documents.length === 0 ? null : (
        <details className="raw">
          <summary>Received PIDF ({view.documents.length})</summary>
          {view.documents.map((doc, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: documents are positional
            <pre key={i}>{doc}</pre>
          ))}
        </details>
      )}
    </section>
  );
}

/** "Show presence information": everything received about a contact, including what the tile does not show. */
export function PresenceInfoPanel(props: {
  readonly contact: Contact;
  readonly icon: string | undefined;
  readonly onClose: () => void;
}) {
  const { contact } = props;
  return (
    <Panel title="Presence information" testId="info-panel" onClose={props.onClose}>
      <div className="info-head">
        <Avatar name={contact.name} icon={props.icon ?? null} status={contact.live.availability} size="large" />
        <div>
          <div className="info-name">{contact.name}</div>
          <div className="muted">{statusLabel(contact.live.availability)}</div>
          {contact.live.pending ? <div className="muted">Waiting for authorisation</div> : null}
        </div>
      </div>
      {contact.live.byUri.length === 0 ? <p className="muted">Nothing received yet.</p> : null}
      {contact.live.byUri.map((view) => (
        <ViewRows key={view.uri} view={view} />
      ))}
    </Panel>
  );
}

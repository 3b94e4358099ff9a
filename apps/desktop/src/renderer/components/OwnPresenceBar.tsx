import type { AccountSnapshot } from '@simplekit/account';
import { useEffect, useRef, useState } from 'react';
import { STATUS_CHOICES, statusLabel } from '../view/status.js';
import { Avatar } from './Avatar.js';
import { useApi } from './api-context.js';
import type { MenuItem, MenuState } from './ContextMenu.js';

function base64Of(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Own presence at the top of the window: icon (click to pick one), status selector, note field. */
export function OwnPresenceBar(props: {
  readonly snapshot: AccountSnapshot;
  readonly displayName: string;
  readonly ownIcon: string | null;
  readonly onMenu: (menu: MenuState) => void;
  readonly onError: (message: string) => void;
}) {
  const api = useApi();
  const { own, health } = props.snapshot;
  // Watchers see our status only while we are registered; until then the overlay says offline.
  const shown = health.registration.state === 'ok' || health.connection.state === 'idle' ? own.status : 'offline';
  const [note, setNote] = useState(own.note);
  const [editing, setEditing] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const cancelled = useRef(false);
  useEffect(() => {
    if (!editing) setNote(own.note);
  }, [own.note, editing]);

  const fail = (err: unknown) => props.onError(err instanceof Error ? err.message : String(err));
  const statusMenu = (x: number, y: number) => {
    const items: MenuItem[] = STATUS_CHOICES.map((s) => ({
      label: statusLabel(s),
      testId: `status-${s}`,
      status: s,
      onSelect: () => void api.setStatus(s).catch(fail),
    }));
    const history = own.history.filter((h) => h.note !== '' || h.status !== own.status).slice(0, 8);
    if (history.length > 0) {
      items.push({ separator: true });
      for (const h of history) {
        items.push({
          label: `${statusLabel(h.status)}${h.note === '' ? '' : ` — ${h.note}`}`,
          testId: 'status-history',
          status: h.status,
          onSelect: () => void api.setStatus(h.status, h.note).catch(fail),
        });
      }
    }
    props.onMenu({ x, y, items });
  };

  return (
    <header className="own" data-testid="own-presence">
      <button type="button" className="own-icon" title="Change my picture" onClick={() => picker.current?.click()}>
        <Avatar name={props.displayName} icon={props.ownIcon} status={shown} size="large" />
      </button>
      <input
        ref={picker}
        type="file"
        accept="image/png,image/jpeg,image/gif,image/webp"
        hidden
        data-testid="icon-picker"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file === undefined) return;
          file
            .arrayBuffer()
            .then((b) => api.setIcon({ base64: base64Of(b), mimeType: file.type }))
            .catch(fail);
        }}
      />
      <div className="own-text">
        <div className="own-name">{props.displayName}</div>
        <button
          type="button"
          className={`status-button status-${own.status}`}
          data-testid="status-button"
          onClick={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            statusMenu(r.left, r.bottom + 2);
          }}
        >
          <span className={`dot status-${own.status}`} />
          {statusLabel(own.status)}
          <span className="caret" />
        </button>
        <input
          className="note-field"
          data-testid="note-field"
          placeholder="What are you up to?"
          value={note}
          onFocus={() => setEditing(true)}
          onChange={(e) => setNote(e.target.value)}
          onBlur={() => {
            setEditing(false);
            if (cancelled.current) {
              cancelled.current = false;
              setNote(own.note);
            } else if (note !== own.note) {
              void api.setNote(note).catch(fail);
            }
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') cancelled.current = true;
            if (e.key === 'Enter' || e.key === 'Escape') e.currentTarget.blur();
          }}
        />
      </div>
    </header>
  );
}

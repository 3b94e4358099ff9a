import type { AccountSnapshot, Contact } from '@simplekit/account';
import { useState } from 'react';
import { useApi } from './api-context.js';
import { FormActions } from './FormActions.js';
import { Panel } from './Panel.js';

const URI_TYPES = ['SIP', 'tel', 'XMPP'] as const;

interface UriRow {
  readonly id: string | null;
  readonly uri: string;
  readonly type: string;
}

/** Adds a contact (`contact` undefined) or edits one: name, addresses with labels, group, the two switches. */
export function EditContactPanel(props: {
  readonly snapshot: AccountSnapshot;
  readonly contact: Contact | undefined;
  readonly onClose: () => void;
}) {
  const api = useApi();
  const { contact, snapshot } = props;
  const [name, setName] = useState(contact?.name ?? '');
  const [uris, setUris] = useState<readonly UriRow[]>(
    contact === undefined
      ? [{ id: null, uri: '', type: 'SIP' }]
      : contact.uris.map((u) => ({ id: u.id, uri: u.uri, type: u.type ?? 'SIP' })),
  );
  const [groupId, setGroupId] = useState(contact?.groupIds[0] ?? '');
  const [newGroup, setNewGroup] = useState('');
  const [subscribe, setSubscribe] = useState(contact?.presence.subscribe ?? true);
  const [allow, setAllow] = useState(contact === undefined ? true : contact.presence.policy === 'allow');
  const [error, setError] = useState<string | null>(null);

  const setRow = (i: number, row: Partial<UriRow>) => setUris(uris.map((r, j) => (j === i ? { ...r, ...row } : r)));

  async function save(): Promise<void> {
    const filled = uris.filter((u) => u.uri.trim() !== '').map((u) => ({ ...u, uri: normalise(u.uri, u.type) }));
    if (name.trim() === '' || filled.length === 0) {
      setError('A contact needs a name and at least one address.');
      return;
    }
    let group = groupId;
    if (group === '__new__') group = newGroup.trim() === '' ? '' : await api.addGroup(newGroup.trim());
    if (contact === undefined) {
      await api.addContact({
        name: name.trim(),
        uris: filled.map((u) => ({ uri: u.uri, type: u.type })),
        subscribe,
        allow,
        ...(group === '' ? {} : { groupIds: [group] }),
      });
      return;
    }
    await api.updateContact(contact.id, { name: name.trim(), subscribe, allow });
    for (const old of contact.uris) {
      if (!filled.some((u) => u.id === old.id)) await api.removeContactUri(contact.id, old.id);
    }
    for (const u of filled) {
      if (u.id === null) await api.addContactUri(contact.id, { uri: u.uri, type: u.type });
      else {
        const old = contact.uris.find((o) => o.id === u.id);
        if (old !== undefined && (old.uri !== u.uri || (old.type ?? 'SIP') !== u.type)) {
          await api.updateContactUri(contact.id, u.id, { uri: u.uri, type: u.type });
        }
      }
    }
    const current = contact.groupIds[0] ?? '';
    if (group !== current) {
      if (current !== '') await api.removeFromGroup(current, contact.id);
      if (group !== '') await api.addToGroup(group, contact.id);
    }
  }

  return (
    <Panel title={contact === undefined ? 'Add contact' : 'Edit contact'} testId="edit-panel" onClose={props.onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          save().then(props.onClose, (err: unknown) => setError(err instanceof Error ? err.message : String(err)));
        }}
      >
        <label className="field">
          <span>Name</span>
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <fieldset className="field">
          <legend>Addresses</legend>
          {uris.map((row, i) => (
            <div className="uri-row" key={row.id ?? `new-${i}`}>
              <select aria-label="Address type" value={row.type} onChange={(e) => setRow(i, { type: e.target.value })}>
                {URI_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
              <input
                name={`uri-${i}`}
                aria-label="Address"
                placeholder={row.type === 'tel' ? '+31 20 123 4567' : 'user@example.com'}
                value={row.uri}
                onChange={(e) => setRow(i, { uri: e.target.value })}
              />
              <button
                type="button"
                className="icon-button"
                aria-label="Remove address"
                onClick={() => setUris(uris.filter((_, j) => j !== i))}
              >
                −
              </button>
            </div>
          ))}
          <button
            type="button"
            className="link-button"
            onClick={() => setUris([...uris, { id: null, uri: '', type: 'SIP' }])}
          >
            + Add address
          </button>
        </fieldset>
        <label className="field">
          <span>Group</span>
          <select value={groupId} onChange={(e) => setGroupId(e.target.value)}>
            <option value="">No group</option>
            {snapshot.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
            <option value="__new__">New group…</option>
          </select>
        </label>
        {groupId === '__new__' ? (
          <label className="field">
            <span>New group name</span>
            <input value={newGroup} onChange={(e) => setNewGroup(e.target.value)} />
          </label>
        ) : null}
        <label className="switch">
          <input type="checkbox" checked={subscribe} onChange={(e) => setSubscribe(e.target.checked)} />
          <span>Subscribe to contact's presence information</span>
        </label>
        <label className="switch">
          <input type="checkbox" checked={allow} onChange={(e) => setAllow(e.target.checked)} />
          <span>Allow contact to see my presence information</span>
        </label>
        <FormActions error={error} onCancel={props.onClose} submitLabel="Save" />
      </form>
    </Panel>
  );
}

/** `bob@example.com` means `sip:bob@example.com`; tel and XMPP addresses get their schemes likewise. */
export function normalise(uri: string, type: string): string {
  const trimmed = uri.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return trimmed;
  if (type === 'tel') return `tel:${trimmed.replace(/[\s()-]/g, '')}`;
  if (type === 'XMPP') return `xmpp:${trimmed}`;
  return `sip:${trimmed}`;
}

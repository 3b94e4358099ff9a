import type { Group } from '@simplekit/account';
import { useState } from 'react';
import { useApi } from './api-context.js';
import { FormActions } from './FormActions.js';
import { Panel } from './Panel.js';

/** Renames a group of the address book. */
export function RenameGroupPanel(props: { readonly group: Group; readonly onClose: () => void }) {
  const api = useApi();
  const [name, setName] = useState(props.group.name);
  const [error, setError] = useState<string | null>(null);
  return (
    <Panel title="Rename group" testId="rename-group-panel" onClose={props.onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim() === '') {
            setError('A group needs a name.');
            return;
          }
          api.renameGroup(props.group.id, name.trim()).then(props.onClose, (err: unknown) => {
            setError(err instanceof Error ? err.message : String(err));
          });
        }}
      >
        <label className="field">
          <span>Group name</span>
          <input name="group-name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <FormActions error={error} onCancel={props.onClose} submitLabel="Rename" />
      </form>
    </Panel>
  );
}

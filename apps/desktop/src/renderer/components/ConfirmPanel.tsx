import { useState } from 'react';
import { Panel } from './Panel.js';

/** Asks before a destructive command; shows the command's error if it fails. */
export function ConfirmPanel(props: {
  readonly title: string;
  readonly message: string;
  readonly confirm: string;
  readonly run: () => Promise<unknown>;
  readonly onClose: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  return (
    <Panel title={props.title} testId="confirm-panel" onClose={props.onClose}>
      <p>{props.message}</p>
      {error === null ? null : <p className="form-error">{error}</p>}
      <div className="form-actions">
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="primary danger"
          onClick={() =>
            props
              .run()
              .then(props.onClose, (err: unknown) => setError(err instanceof Error ? err.message : String(err)))
          }
        >
          {props.confirm}
        </button>
      </div>
    </Panel>
  );
}

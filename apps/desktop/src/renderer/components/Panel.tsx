import type { ReactNode } from 'react';

/** A sheet over the contact list with a title bar and a close button. */
export function Panel(props: {
  readonly title: string;
  readonly testId: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
}) {
  return (
    <div className="panel-backdrop">
      <div className="panel" role="dialog" aria-label={props.title} data-testid={props.testId}>
        <header className="panel-header">
          <h2>{props.title}</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={props.onClose}>
            ×
          </button>
        </header>
        <div className="panel-body">{props.children}</div>
      </div>
    </div>
  );
}

/** The end of a panel's form: the last error, if any, then Cancel and the submit button. */
export function FormActions(props: {
  readonly error: string | null;
  readonly onCancel: () => void;
  readonly submitLabel: string;
}) {
  return (
    <>
      {props.error === null ? null : <p className="form-error">{props.error}</p>}
      <div className="form-actions">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary">
          {props.submitLabel}
        </button>
      </div>
    </>
  );
}

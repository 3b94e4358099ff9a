import { useState } from 'react';
import type { AccountSetupInput } from '../../bridge/api.js';
import { useApi } from './api-context.js';
import { PresenceLogo } from './icons.js';

/** Account set-up: SIP address and password, optionally the XCAP root and an outbound proxy. */
export function AccountSetup(props: { readonly onDone?: () => void; readonly onCancel?: () => void }) {
  const api = useApi();
  const [form, setForm] = useState<AccountSetupInput>({
    address: '',
    password: '',
    displayName: '',
    xcapRoot: '',
    proxy: '',
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = (key: keyof AccountSetupInput) => ({
    name: key,
    value: form[key] ?? '',
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });
  return (
    <form
      className="form setup"
      data-testid="account-setup"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        api.setupAccount(form).then(
          () => {
            setBusy(false);
            props.onDone?.();
          },
          (err: unknown) => {
            setBusy(false);
            setError(err instanceof Error ? err.message : String(err));
          },
        );
      }}
    >
      <div className="setup-logo" aria-hidden="true">
        <PresenceLogo />
      </div>
      <h2>Sign in to your SIP account</h2>
      <label className="field">
        <span>SIP address</span>
        <input {...field('address')} placeholder="alice@example.com" autoComplete="username" required />
      </label>
      <label className="field">
        <span>Password</span>
        <input {...field('password')} type="password" autoComplete="current-password" />
      </label>
      <label className="field">
        <span>Display name</span>
        <input {...field('displayName')} placeholder="Alice Liddell" />
      </label>
      <details className="advanced">
        <summary>Server settings</summary>
        <label className="field">
          <span>XCAP root</span>
          <input {...field('xcapRoot')} placeholder="https://xcap.example.com/xcap-root" />
        </label>
        <label className="field">
          <span>Outbound proxy</span>
          <input {...field('proxy')} placeholder="proxy.example.com:5061;transport=tls" />
        </label>
      </details>
      {error === null ? null : (
        <p className="form-error" data-testid="setup-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        {props.onCancel === undefined ? null : (
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </div>
    </form>
  );
}

import { useCallback, useEffect, useState } from 'react';
import type { DesktopApi, DesktopState } from '../bridge/api.js';
import { INITIAL_STATE } from '../bridge/api.js';
import { AccountSetup } from './components/AccountSetup.js';
import { ApiContext } from './components/api-context.js';
import { ConfirmPanel } from './components/ConfirmPanel.js';
import { ContactList, type ContactPanel } from './components/ContactList.js';
import { ContextMenu, type MenuState } from './components/ContextMenu.js';
import { EditContactPanel } from './components/EditContactPanel.js';
import { OwnPresenceBar } from './components/OwnPresenceBar.js';
import { PreferencesPanel } from './components/PreferencesPanel.js';
import { PresenceInfoPanel } from './components/PresenceInfoPanel.js';
import { RenameGroupPanel } from './components/RenameGroupPanel.js';
import { Toolbar } from './components/Toolbar.js';
import { WatchersPanel } from './components/WatchersPanel.js';
import { describeProblem } from './view/problem.js';
import { NOTE_ROTATION_MS } from './view/rotation.js';
import { contactIconOf } from './view/sections.js';
import { displayAddress } from './view/status.js';

type Panel =
  | ContactPanel
  | { readonly kind: 'watchers' }
  | { readonly kind: 'preferences' }
  | { readonly kind: 'setup' };

/** Advances every `intervalMs`; tiles pick their rotating line from it, so all tiles rotate together. */
function useTicker(intervalMs: number): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return tick;
}

export interface AppProps {
  readonly api: DesktopApi;
  /** How often notes rotate on tiles; Blink's 10 s by default. */
  readonly noteRotationMs?: number;
  /** The first state, for rendering without a live host (component tests). */
  readonly initialState?: DesktopState;
}

/** The whole window: set-up when there is no account, else own presence, toolbar, banner and contact list. */
export function App({ api, noteRotationMs = NOTE_ROTATION_MS, initialState }: AppProps) {
  const [state, setState] = useState<DesktopState>(initialState ?? INITIAL_STATE);
  const [panel, setPanel] = useState<Panel | null>(null);
  const [menu, setMenu] = useState<MenuState | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // The host keeps the last failed command; a click hides it until a newer one fails.
  const [dismissedAt, setDismissedAt] = useState(-1);
  const tick = useTicker(noteRotationMs);
  useEffect(() => {
    const off = api.onState(setState);
    api.getState().then(setState, (err: unknown) => setNotice(err instanceof Error ? err.message : String(err)));
    return off;
  }, [api]);
  const closeMenu = useCallback(() => setMenu(null), []);
  const closePanel = () => setPanel(null);

  const snapshot = state.snapshot;
  const failure = state.lastFailure !== null && state.lastFailure.at > dismissedAt ? state.lastFailure.message : null;
  const failureText = notice ?? failure;
  const problem = describeProblem(state);
  const active = state.accounts.find((a) => a.id === state.activeAccountId);
  const contactOf = (id: string | null) => (id === null ? undefined : snapshot?.contacts.find((c) => c.id === id));

  let body: React.ReactNode;
  if (state.phase === 'no-account' && state.accounts.length === 0) {
    body = <AccountSetup />;
  } else if (snapshot === null) {
    body = (
      <div className="empty" data-testid="loading">
        <div className="spinner" />
        <p>{state.phase === 'failed' ? 'The account could not start.' : 'Connecting…'}</p>
      </div>
    );
  } else {
    const loading =
      state.phase === 'starting' && snapshot.contacts.length === 0 && snapshot.health.storage.state === 'working';
    const empty =
      snapshot.contacts.length === 0 && snapshot.newContactRequests.length === 0 && snapshot.blocked.length === 0;
    body = (
      <>
        <OwnPresenceBar
          snapshot={snapshot}
          displayName={active?.displayName ?? displayAddress(snapshot.address)}
          ownIcon={state.ownIcon}
          onMenu={setMenu}
          onError={setNotice}
        />
        <Toolbar
          state={state}
          onPanel={(kind) => setPanel(kind === 'add' ? { kind: 'edit', contactId: null } : { kind })}
        />
        {loading ? (
          <div className="empty" data-testid="loading">
            <div className="spinner" />
            <p>Loading contacts…</p>
          </div>
        ) : empty ? (
          <div className="empty" data-testid="empty">
            <p className="empty-title">No contacts yet</p>
            <p className="muted">Add people with the + button; requests from others appear here too.</p>
          </div>
        ) : (
          <ContactList snapshot={snapshot} icons={state.contactIcons} tick={tick} onMenu={setMenu} onPanel={setPanel} />
        )}
      </>
    );
  }

  const panelContact =
    panel !== null && (panel.kind === 'edit' || panel.kind === 'info') ? contactOf(panel.contactId) : undefined;
  return (
    <ApiContext.Provider value={api}>
      <div className="app" data-phase={state.phase}>
        {problem === null ? null : (
          <div className={`banner banner-${problem.level}`} role="alert" data-testid="problem">
            <strong>{problem.title}</strong>
            {problem.detail === undefined ? null : <span>{problem.detail}</span>}
          </div>
        )}
        {failureText === null ? null : (
          <button
            type="button"
            className="banner banner-warning notice"
            title="Dismiss"
            onClick={() => {
              setNotice(null);
              setDismissedAt(state.lastFailure?.at ?? 0);
            }}
            data-testid="notice"
          >
            {failureText}
          </button>
        )}
        {body}
        {panel?.kind === 'setup' ? (
          <div className="panel-backdrop">
            <div className="panel">
              <AccountSetup onDone={closePanel} onCancel={closePanel} />
            </div>
          </div>
        ) : null}
        {snapshot !== null && panel?.kind === 'edit' ? (
          <EditContactPanel snapshot={snapshot} contact={panelContact} onClose={closePanel} />
        ) : null}
        {panel?.kind === 'info' && panelContact !== undefined ? (
          <PresenceInfoPanel
            contact={panelContact}
            icon={contactIconOf(panelContact, state.contactIcons)}
            onClose={closePanel}
          />
        ) : null}
        {panel?.kind === 'confirm' ? (
          <ConfirmPanel
            title={panel.title}
            message={panel.message}
            confirm={panel.confirm}
            run={panel.run}
            onClose={closePanel}
          />
        ) : null}
        {snapshot !== null && panel?.kind === 'rename-group'
          ? (() => {
              const group = snapshot.groups.find((g) => g.id === panel.groupId);
              return group === undefined ? null : <RenameGroupPanel group={group} onClose={closePanel} />;
            })()
          : null}
        {snapshot !== null && panel?.kind === 'watchers' ? (
          <WatchersPanel watching={snapshot.watching} contacts={snapshot.contacts} onClose={closePanel} />
        ) : null}
        {snapshot !== null && state.preferences !== null && panel?.kind === 'preferences' ? (
          <PreferencesPanel
            own={snapshot.own}
            preferences={state.preferences}
            trace={state.trace}
            onClose={closePanel}
          />
        ) : null}
        {menu === null ? null : <ContextMenu menu={menu} onClose={closeMenu} />}
      </div>
    </ApiContext.Provider>
  );
}

import type { AccountSnapshot, Contact, Watcher } from '@simplekit/account';
import { type DragEvent, type MouseEvent, useState } from 'react';
import type { DesktopApi } from '../../bridge/api.js';
import { tileLines } from '../view/rotation.js';
import { contactIconOf, contactSections, type Section } from '../view/sections.js';
import { displayAddress } from '../view/status.js';
import { useApi } from './api-context.js';
import { ContactTile } from './ContactTile.js';
import type { MenuItem, MenuState } from './ContextMenu.js';

/** The panels a tile's or a group's menu opens. */
export type ContactPanel =
  | { readonly kind: 'edit'; readonly contactId: string | null }
  | { readonly kind: 'info'; readonly contactId: string }
  | { readonly kind: 'rename-group'; readonly groupId: string }
  | {
      readonly kind: 'confirm';
      readonly title: string;
      readonly message: string;
      readonly confirm: string;
      readonly run: () => Promise<unknown>;
    };

export interface ContactListProps {
  readonly snapshot: AccountSnapshot;
  readonly icons: Readonly<Record<string, string>>;
  readonly tick: number;
  readonly onMenu: (menu: MenuState) => void;
  readonly onPanel: (panel: ContactPanel) => void;
}

const WATCHER_TYPE = 'application/x-simplekit-watcher';

const nameOfWatcher = (w: Watcher) => w.displayName ?? displayAddress(w.uri);

/** Allowing a request by dragging it into a group also adds the person as a contact there (as Blink does). */
async function allowInto(api: DesktopApi, watcher: Watcher, groupId: string | null): Promise<void> {
  await api.allowWatcher(watcher.uri, watcher.displayName);
  await api.addContact({
    name: nameOfWatcher(watcher),
    uris: [{ uri: watcher.uri, type: 'SIP' }],
    ...(groupId === null ? {} : { groupIds: [groupId] }),
  });
}

function requestMenu(api: DesktopApi, watcher: Watcher): MenuItem[] {
  const name = watcher.displayName;
  return [
    { label: 'Allow', testId: 'menu-allow', onSelect: () => void api.allowWatcher(watcher.uri, name) },
    { label: 'Allow and add to contacts', onSelect: () => void allowInto(api, watcher, null) },
    { label: 'Deny', testId: 'menu-deny', onSelect: () => void api.denyWatcher(watcher.uri, name) },
    { separator: true },
    { label: 'Block', danger: true, onSelect: () => void api.blockWatcher(watcher.uri, name) },
  ];
}

function contactMenu(
  api: DesktopApi,
  contact: Contact,
  onPanel: (p: ContactPanel) => void,
  blocked: boolean,
): MenuItem[] {
  const uri = contact.uris.find((u) => u.id === contact.defaultUri)?.uri ?? contact.uris[0]?.uri;
  const items: MenuItem[] = [
    {
      label: 'Show presence information',
      testId: 'menu-info',
      onSelect: () => onPanel({ kind: 'info', contactId: contact.id }),
    },
    { label: 'Edit…', testId: 'menu-edit', onSelect: () => onPanel({ kind: 'edit', contactId: contact.id }) },
  ];
  const devices = contact.live.devices.filter((d) => d.contact !== undefined);
  if (devices.length > 0) {
    items.push({ separator: true });
    for (const device of devices) {
      const address = device.contact ?? '';
      const label = device.description ?? device.userAgent ?? device.id;
      items.push({
        label: `Call ${label}`,
        testId: 'menu-device',
        onSelect: () => void api.openDeviceAddress(contact.id, address),
      });
    }
  }
  if (uri !== undefined) {
    items.push({ separator: true });
    if (blocked) {
      items.push({ label: 'Unblock', testId: 'menu-unblock', onSelect: () => void api.unblockWatcher(uri) });
    } else {
      if (contact.presence.policy !== 'allow') {
        items.push({ label: 'Allow', onSelect: () => void api.allowWatcher(uri, contact.name) });
      }
      items.push({ label: 'Deny', onSelect: () => void api.denyWatcher(uri, contact.name) });
      items.push({
        label: 'Block',
        testId: 'menu-block',
        danger: true,
        onSelect: () => void api.blockWatcher(uri, contact.name),
      });
    }
  }
  items.push(
    { separator: true },
    {
      label: 'Delete…',
      testId: 'menu-delete',
      danger: true,
      onSelect: () =>
        onPanel({
          kind: 'confirm',
          title: 'Delete contact',
          message: `Delete ${contact.name} from your contacts? Their presence policy goes with them.`,
          confirm: 'Delete',
          run: () => api.removeContact(contact.id),
        }),
    },
  );
  return items;
}

function SectionView({ section, props }: { readonly section: Section; readonly props: ContactListProps }) {
  const api = useApi();
  const [collapsed, setCollapsed] = useState(false);
  const [over, setOver] = useState(false);
  const at = (e: MouseEvent) => {
    e.preventDefault();
    return { x: e.clientX, y: e.clientY };
  };
  const requests = props.snapshot.newContactRequests;
  const acceptsDrop = section.kind !== 'requests';
  const onDrop = (e: DragEvent) => {
    setOver(false);
    const uri = e.dataTransfer.getData(WATCHER_TYPE);
    const watcher = requests.find((w) => w.uri === uri);
    if (watcher === undefined) return;
    e.preventDefault();
    if (section.kind === 'blocked') void api.denyWatcher(watcher.uri, watcher.displayName);
    else if (section.kind === 'group') void allowInto(api, watcher, section.groupId);
  };
  const count =
    section.kind === 'requests'
      ? section.watchers.length
      : section.kind === 'group'
        ? section.contacts.length
        : section.entries.length;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop zone for requests; the keyboard path is the context menu
    <section
      className={`section section-${section.kind}${over ? ' drop-target' : ''}`}
      data-testid={`section-${section.kind === 'group' ? (section.groupId ?? 'ungrouped') : section.kind}`}
      onDragOver={(e) => {
        if (!acceptsDrop || !e.dataTransfer.types.includes(WATCHER_TYPE)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={acceptsDrop ? onDrop : undefined}
    >
      <button
        type="button"
        className="section-header"
        onClick={() => setCollapsed(!collapsed)}
        onContextMenu={(e) => {
          const groupId = section.kind === 'group' ? section.groupId : null;
          if (groupId === null) return;
          props.onMenu({
            ...at(e),
            items: [
              {
                label: 'Rename group…',
                testId: 'menu-rename-group',
                onSelect: () => props.onPanel({ kind: 'rename-group', groupId }),
              },
              {
                label: 'Delete group…',
                danger: true,
                onSelect: () =>
                  props.onPanel({
                    kind: 'confirm',
                    title: 'Delete group',
                    message: `Delete the group ${section.title}? Its contacts stay in your address book.`,
                    confirm: 'Delete group',
                    run: () => api.removeGroup(groupId),
                  }),
              },
            ],
          });
        }}
        aria-expanded={!collapsed}
      >
        <span className={`chevron${collapsed ? ' collapsed' : ''}`} />
        <span className="section-title">{section.title}</span>
        <span className="section-count">{count}</span>
      </button>
      {collapsed ? null : (
        <ul className="tiles">
          {section.kind === 'requests'
            ? section.watchers.map((w) => (
                <ContactTile
                  key={w.uri}
                  testId={`request:${w.uri}`}
                  name={nameOfWatcher(w)}
                  lines={[`${displayAddress(w.uri)} wants to see your presence`]}
                  tick={0}
                  draggable
                  onDragStart={(e) => {
                    e.dataTransfer.setData(WATCHER_TYPE, w.uri);
                    e.dataTransfer.effectAllowed = 'move';
                  }}
                  onMenu={(p) => props.onMenu({ ...p, items: requestMenu(api, w) })}
                />
              ))
            : section.kind === 'group'
              ? section.contacts.map((c) => (
                  <ContactTile
                    key={c.id}
                    testId={`contact:${c.name}`}
                    name={c.name}
                    icon={contactIconOf(c, props.icons)}
                    availability={c.live.availability}
                    lines={tileLines(c)}
                    tick={props.tick}
                    onDoubleClick={() => props.onPanel({ kind: 'info', contactId: c.id })}
                    onMenu={(p) => props.onMenu({ ...p, items: contactMenu(api, c, props.onPanel, false) })}
                  />
                ))
              : section.entries.map(({ entry, contact }) => (
                  <ContactTile
                    key={entry.uri}
                    testId={`blocked:${entry.uri}`}
                    name={contact?.name ?? entry.name ?? displayAddress(entry.uri)}
                    availability="offline"
                    lines={[displayAddress(entry.uri)]}
                    tick={0}
                    muted
                    onMenu={(p) =>
                      props.onMenu({
                        ...p,
                        items:
                          contact === undefined
                            ? [
                                {
                                  label: 'Unblock',
                                  testId: 'menu-unblock',
                                  onSelect: () => void api.unblockWatcher(entry.uri),
                                },
                              ]
                            : contactMenu(api, contact, props.onPanel, true),
                      })
                    }
                  />
                ))}
        </ul>
      )}
    </section>
  );
}

/** The contact list: requests on top, the groups, Blocked last. */
export function ContactList(props: ContactListProps) {
  return (
    <div className="contact-list" data-testid="contact-list">
      {contactSections(props.snapshot).map((section) => (
        <SectionView key={section.key} section={section} props={props} />
      ))}
    </div>
  );
}

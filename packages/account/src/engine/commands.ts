import {
  addContact,
  addContactUri,
  addGroup,
  addGroupMember,
  allowWatcher,
  blockWatcher,
  denyWatcher,
  newItemId,
  type OperationResult,
  removeContact,
  removeContactUri,
  removeGroup,
  removeGroupMember,
  renameGroup,
  unblockWatcher,
  updateContact,
  updateContactUri,
} from '@simplekit/contacts-model';
import { AccountIconError, AccountStateError } from '../errors.js';
import { recordStatus } from '../state/status-history.js';
import type { Availability, OfflineStatus, OwnPresence } from '../state/types.js';
import { iconHash } from '../sync/own-documents-sync.js';
import { type ContactIcon, ICON_TYPES, MAX_ICON_BYTES } from './contact-icons.js';
import type { AccountEngine } from './engine.js';

/** A contact address as the contact editor shows it: the URI and its label (`SIP`, `tel`, `XMPP`, …). */
export interface ContactAddressInput {
  readonly uri: string;
  readonly type?: string;
}

export interface ContactInput {
  readonly name: string;
  readonly uris: readonly ContactAddressInput[];
  /** "Subscribe to this contact's presence"; default true. */
  readonly subscribe?: boolean;
  /** "Allow this contact to see my presence"; default true. */
  readonly allow?: boolean;
  readonly groupIds?: readonly string[];
}

export interface ContactChangesInput {
  readonly name?: string;
  readonly subscribe?: boolean;
  readonly allow?: boolean;
  /** Id of the default URI. */
  readonly defaultUri?: string;
  readonly attributes?: Readonly<Record<string, string | null>>;
}

/** Everything a user can do with an account, in either app. Each command returns once the change is on disk. */
export interface AccountCommands {
  setStatus(status: Availability, note?: string): Promise<void>;
  setNote(note: string): Promise<void>;
  /** Where we are (CIPID `map`); published only when the account's location switch is on. */
  setLocation(location: string | undefined): Promise<void>;
  setHomepage(url: string | undefined): Promise<void>;
  /** Uploads the user icon to pres-content and publishes its URL; `undefined` removes it. */
  setIcon(icon: { readonly data: Uint8Array; readonly mimeType: string } | undefined): Promise<void>;
  /** What watchers see while no device is online (pidf-manipulation); `undefined` removes it. */
  setOfflineStatus(offline: OfflineStatus | undefined): Promise<void>;
  /** Adds a contact; resolves with its id. */
  addContact(contact: ContactInput): Promise<string>;
  updateContact(id: string, changes: ContactChangesInput): Promise<void>;
  removeContact(id: string): Promise<void>;
  addContactUri(contactId: string, uri: ContactAddressInput): Promise<string>;
  updateContactUri(contactId: string, uriId: string, uri: Partial<ContactAddressInput>): Promise<void>;
  removeContactUri(contactId: string, uriId: string): Promise<void>;
  /** Adds a group; resolves with its id. */
  addGroup(name: string): Promise<string>;
  renameGroup(id: string, name: string): Promise<void>;
  removeGroup(id: string): Promise<void>;
  addToGroup(groupId: string, contactId: string): Promise<void>;
  removeFromGroup(groupId: string, contactId: string): Promise<void>;
  /** Lets a watcher (a New Contact Request) see our presence. */
  allowWatcher(uri: string, name?: string): Promise<void>;
  /** Refuses a request: recorded as a polite block, as Blink does, so it shows under Blocked and can be undone. */
  denyWatcher(uri: string, name?: string): Promise<void>;
  blockWatcher(uri: string, name?: string): Promise<void>;
  unblockWatcher(uri: string): Promise<void>;
  /** Fetches (or revalidates) the icon a contact publishes, for one of its URIs. */
  fetchContactIcon(uri: string): Promise<ContactIcon>;
}

/** Wraps contacts-model's errors (unknown id, invalid input) into the engine's typed state error. */
function run(engine: AccountEngine, operation: () => OperationResult): Promise<void> {
  let result: OperationResult;
  try {
    result = operation();
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    throw Object.assign(new AccountStateError(e.message), { cause: error });
  }
  if (result.ops.length === 0) return Promise.resolve();
  return engine.recordEdit({ op: 'address-book', ops: result.ops }).then(() => undefined);
}

export function createCommands(engine: AccountEngine): AccountCommands {
  const own = (recipe: (o: OwnPresence) => OwnPresence) => engine.updateOwn(recipe);
  const remember = (o: OwnPresence, status: Availability, note: string): OwnPresence =>
    o.status === status && o.note === note
      ? o
      : {
          ...o,
          status,
          note,
          history: recordStatus(o.history, status, note, engine.clock.now(), engine.config.statusHistorySize),
        };
  const ready = async () => {
    engine.ensureOpen();
    await engine.open();
  };

  return {
    setStatus: (status, note) => own((o) => remember(o, status, note ?? o.note)),
    setNote: (note) => own((o) => remember(o, o.status, note)),
    setLocation: (location) =>
      own((o) => {
        if (o.location === location) return o;
        const { location: _l, ...rest } = o;
        return location === undefined ? rest : { ...rest, location };
      }),
    setHomepage: (homepage) =>
      own((o) => {
        if (o.homepage === homepage) return o;
        const { homepage: _h, ...rest } = o;
        return homepage === undefined ? rest : { ...rest, homepage };
      }),
    async setIcon(icon) {
      await ready();
      if (icon === undefined) {
        await engine.recordEdit({ op: 'set-icon', mimeType: '', data: undefined, hash: '' });
        return;
      }
      const mimeType = icon.mimeType.toLowerCase();
      if (!ICON_TYPES.includes(mimeType)) throw new AccountIconError('bad-type', `${mimeType} is not an image type`);
      if (icon.data.byteLength > MAX_ICON_BYTES) {
        throw new AccountIconError(
          'too-large',
          `the icon has ${icon.data.byteLength} bytes, at most ${MAX_ICON_BYTES}`,
        );
      }
      const data = Buffer.from(icon.data).toString('base64');
      await engine.recordEdit({ op: 'set-icon', mimeType, data, hash: iconHash(icon.data) });
    },
    async setOfflineStatus(offline) {
      await ready();
      await engine.recordEdit({ op: 'set-offline-status', offline });
    },
    async addContact(contact) {
      await ready();
      const id = newItemId();
      await run(engine, () => {
        let result = addContact(engine.model, {
          id,
          name: contact.name,
          uris: contact.uris.map((u) => ({ uri: u.uri, type: u.type ?? null })),
          defaultUri: 'first',
          presence: { policy: contact.allow === false ? 'default' : 'allow', subscribe: contact.subscribe !== false },
        });
        const ops = [...result.ops];
        for (const groupId of contact.groupIds ?? []) {
          result = addGroupMember(result.book, groupId, id);
          ops.push(...result.ops);
        }
        return { book: result.book, ops };
      });
      return id;
    },
    async updateContact(id, changes) {
      await ready();
      await run(engine, () =>
        updateContact(engine.model, id, {
          ...(changes.name !== undefined ? { name: changes.name } : {}),
          ...(changes.defaultUri !== undefined ? { defaultUri: changes.defaultUri } : {}),
          ...(changes.subscribe !== undefined || changes.allow !== undefined
            ? {
                presence: {
                  ...(changes.subscribe !== undefined ? { subscribe: changes.subscribe } : {}),
                  ...(changes.allow !== undefined ? { policy: changes.allow ? 'allow' : 'default' } : {}),
                },
              }
            : {}),
          ...(changes.attributes !== undefined ? { attributes: changes.attributes } : {}),
        }),
      );
    },
    async removeContact(id) {
      await ready();
      await run(engine, () => removeContact(engine.model, id));
    },
    async addContactUri(contactId, uri) {
      await ready();
      const id = newItemId();
      await run(engine, () => addContactUri(engine.model, contactId, { id, uri: uri.uri, type: uri.type ?? null }));
      return id;
    },
    async updateContactUri(contactId, uriId, uri) {
      await ready();
      await run(engine, () =>
        updateContactUri(engine.model, contactId, uriId, {
          ...(uri.uri !== undefined ? { uri: uri.uri } : {}),
          ...(uri.type !== undefined ? { type: uri.type } : {}),
        }),
      );
    },
    async removeContactUri(contactId, uriId) {
      await ready();
      await run(engine, () => removeContactUri(engine.model, contactId, uriId));
    },
    async addGroup(name) {
      await ready();
      const id = newItemId();
      await run(engine, () => addGroup(engine.model, { id, name }));
      return id;
    },
    async renameGroup(id, name) {
      await ready();
      await run(engine, () => renameGroup(engine.model, id, name));
    },
    async removeGroup(id) {
      await ready();
      await run(engine, () => removeGroup(engine.model, id));
    },
    async addToGroup(groupId, contactId) {
      await ready();
      await run(engine, () => addGroupMember(engine.model, groupId, contactId));
    },
    async removeFromGroup(groupId, contactId) {
      await ready();
      await run(engine, () => removeGroupMember(engine.model, groupId, contactId));
    },
    async allowWatcher(uri, name) {
      await ready();
      await run(engine, () => allowWatcher(engine.model, uri, name !== undefined ? { name } : {}));
    },
    async denyWatcher(uri, name) {
      await ready();
      await run(engine, () => denyWatcher(engine.model, uri, name !== undefined ? { name } : {}));
    },
    async blockWatcher(uri, name) {
      await ready();
      await run(engine, () => blockWatcher(engine.model, uri, name !== undefined ? { name } : {}));
    },
    async unblockWatcher(uri) {
      await ready();
      await run(engine, () => unblockWatcher(engine.model, uri));
    },
    async fetchContactIcon(uri) {
      await ready();
      const url = engine.presenceOf(uri)?.icon;
      if (url === undefined) throw new AccountStateError(`${uri} publishes no icon`);
      const icon = await engine.icons.fetch(url);
      engine.store.emit([{ type: 'contact-icon', uri, url }]);
      return icon;
    },
  };
}

import { type AccountLocation, accountParts, ListNames, listUrl } from './locations.js';

/** One `<service>` of rls-services (RFC 4826 §4) that the address book implies. */
export interface RlsServiceSpec {
  /** `uri` attribute: the resource list's own URI that the client SUBSCRIBEs to. */
  readonly uri: string;
  /** `<resource-list>`: the list of the resource-lists document the service expands. */
  readonly resourceList: string;
  /** `<packages>`: the event packages the service accepts. */
  readonly packages: readonly string[];
}

export interface RlsServicesOptions {
  /** Also describe the dialog service (`sip:<user>+dialog@<host>` → `sipsimple_dialog_rls`), as Blink does. */
  readonly dialog?: boolean;
}

/** `sip:<user>+presence@<host>`: the RLS URI Blink subscribes to for presence. */
export function presenceRlsUri(xui: string): string {
  const { user, host } = accountParts(xui);
  return `sip:${user}+presence@${host}`;
}

export function dialogRlsUri(xui: string): string {
  const { user, host } = accountParts(xui);
  return `sip:${user}+dialog@${host}`;
}

/** The services Blink keeps in rls-services: presence (and dialog) over the `sipsimple_*_rls` lists. */
export function deriveRlsServices(location: AccountLocation, options: RlsServicesOptions = {}): RlsServiceSpec[] {
  const services: RlsServiceSpec[] = [
    {
      uri: presenceRlsUri(location.xui),
      resourceList: listUrl(location, ListNames.presenceRls),
      packages: ['presence'],
    },
  ];
  if (options.dialog !== false) {
    services.push({
      uri: dialogRlsUri(location.xui),
      resourceList: listUrl(location, ListNames.dialogRls),
      packages: ['dialog'],
    });
  }
  return services;
}

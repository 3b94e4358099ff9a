import type { Account, AccountSnapshot } from '@simplekit/account';

/**
 * Contacts' icons as `data:` URLs for the renderer, which may not fetch from the XCAP server itself (the CSP allows
 * no remote images and the server wants our credentials). Each advertised icon URL is fetched once through the
 * engine (which revalidates with its ETag cache); a changed URL is fetched again.
 */
export class ContactIconCache {
  readonly #account: Pick<Account, 'fetchContactIcon'>;
  readonly #onChange: (icons: Readonly<Record<string, string>>) => void;
  readonly #requested = new Map<string, string>();
  #icons: Readonly<Record<string, string>> = {};

  constructor(
    account: Pick<Account, 'fetchContactIcon'>,
    onChange: (icons: Readonly<Record<string, string>>) => void,
    readonly onProblem: (uri: string, error: unknown) => void = () => {},
  ) {
    this.#account = account;
    this.#onChange = onChange;
  }

  refresh(snapshot: AccountSnapshot): void {
    for (const view of Object.values(snapshot.presence)) {
      const url = view.icon;
      if (url === undefined || this.#requested.get(view.uri) === url) continue;
      this.#requested.set(view.uri, url);
      this.#account.fetchContactIcon(view.uri).then(
        (icon) => {
          if (this.#requested.get(view.uri) !== url) return;
          const dataUrl = `data:${icon.mimeType};base64,${Buffer.from(icon.data).toString('base64')}`;
          this.#icons = { ...this.#icons, [view.uri]: dataUrl };
          this.#onChange(this.#icons);
        },
        (error: unknown) => this.onProblem(view.uri, error),
      );
    }
  }
}

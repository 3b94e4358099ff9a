import { splitList } from '../header/cursor.js';
import { parseNameAddr } from '../header/name-addr.js';
import type { AddressInit } from '../message/build.js';
import type { SipMessage, SipRequest, SipResponse } from '../message/types.js';
import type { RequestSpec } from '../transaction/request-sender.js';

/** Identifies a dialog from our side: Call-ID, our tag, the peer's tag (RFC 3261 §12). */
export function dialogKey(callId: string, localTag: string, remoteTag: string): string {
  return `${callId}|${localTag}|${remoteTag}`;
}

/** The dialog key of a request received from the peer (its To tag is ours, its From tag theirs). */
export function dialogKeyOfIncoming(request: SipRequest): string | undefined {
  const local = request.headers.to().tag;
  const remote = request.headers.from().tag;
  if (local === undefined || remote === undefined) return undefined;
  return dialogKey(request.headers.callId(), local, remote);
}

/** Every element of a list header such as Record-Route, as written. */
export function listHeader(message: SipMessage, name: string): string[] {
  return message.headers.getAll(name).flatMap((value) => splitList(value, 0).map((item) => item.text));
}

function firstContactUri(message: SipMessage): string | undefined {
  const contact = message.headers.contact()[0];
  return contact === undefined || contact.star ? undefined : contact.rawUri;
}

function address(entry: { rawUri: string; displayName?: string }): AddressInit {
  return entry.displayName === undefined
    ? { uri: entry.rawUri }
    : { uri: entry.rawUri, displayName: entry.displayName };
}

/** Our side of a dialog that a NOTIFY is about to create: what the SUBSCRIBE we sent said. */
export interface EarlyDialogSide {
  readonly callId: string;
  readonly localTag: string;
  readonly local: AddressInit;
  readonly remote: AddressInit;
  readonly localSeq: number;
}

interface DialogInit extends EarlyDialogSide {
  readonly remoteTag: string;
  readonly routeSet: readonly string[];
  readonly remoteTarget: string;
  readonly remoteSeq: number | undefined;
}

/**
 * A dialog created by SUBSCRIBE/NOTIFY (RFC 6665 §4.1.2.4, RFC 3261 §12): route set, remote target, sequence
 * numbers, and how an in-dialog request is addressed (loose or strict routing, §12.2.1.1).
 */
export class Dialog {
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
  readonly local: AddressInit;
  readonly remote: AddressInit;
  readonly routeSet: readonly string[];
  #remoteTarget: string;
  #localSeq: number;
  #remoteSeq: number | undefined;

  private constructor(init: DialogInit) {
    this.callId = init.callId;
    this.localTag = init.localTag;
    this.remoteTag = init.remoteTag;
    this.local = init.local;
    this.remote = init.remote;
    this.routeSet = init.routeSet;
    this.#remoteTarget = init.remoteTarget;
    this.#localSeq = init.localSeq;
    this.#remoteSeq = init.remoteSeq;
  }

  /** RFC 3261 §12.1.2: the UAC side, from a 2xx to our request; the route set is Record-Route reversed. */
  static fromResponse(request: SipRequest, response: SipResponse): Dialog | undefined {
    const to = response.headers.to();
    const from = request.headers.from();
    const remoteTarget = firstContactUri(response);
    if (to.tag === undefined || from.tag === undefined || remoteTarget === undefined) return undefined;
    return new Dialog({
      callId: request.headers.callId(),
      localTag: from.tag,
      remoteTag: to.tag,
      local: address(from),
      remote: address(request.headers.to()),
      routeSet: listHeader(response, 'record-route').reverse(),
      remoteTarget,
      localSeq: request.headers.cseq().seq,
      remoteSeq: undefined,
    });
  }

  /**
   * RFC 6665 §4.1.2.4: a NOTIFY may create the dialog before the 2xx arrives. We receive it, so the route set is
   * its Record-Route in order (RFC 3261 §12.1.1) and the remote target its Contact.
   */
  static fromNotify(local: EarlyDialogSide, notify: SipRequest): Dialog | undefined {
    const remoteTag = notify.headers.from().tag;
    const remoteTarget = firstContactUri(notify);
    if (remoteTag === undefined || remoteTarget === undefined) return undefined;
    return new Dialog({
      ...local,
      remoteTag,
      routeSet: listHeader(notify, 'record-route'),
      remoteTarget,
      remoteSeq: notify.headers.cseq().seq,
    });
  }

  get key(): string {
    return dialogKey(this.callId, this.localTag, this.remoteTag);
  }

  get remoteTarget(): string {
    return this.#remoteTarget;
  }

  get localSeq(): number {
    return this.#localSeq;
  }

  /** Next local CSeq (RFC 3261 §12.2.1.1: strictly increasing by one). */
  nextCSeq(): number {
    this.#localSeq++;
    return this.#localSeq;
  }

  /**
   * Checks an in-dialog request from the peer and applies a target refresh (RFC 6665 §4.4.1: NOTIFY refreshes
   * the remote target). Returns false when its CSeq is out of order (RFC 3261 §12.2.2: answer 500).
   */
  receiveRequest(request: SipRequest): boolean {
    const seq = request.headers.cseq().seq;
    if (this.#remoteSeq !== undefined && seq <= this.#remoteSeq) return false;
    this.#remoteSeq = seq;
    const target = firstContactUri(request);
    if (target !== undefined) this.#remoteTarget = target;
    return true;
  }

  /** Request-URI, Route set and identity headers of an in-dialog request (RFC 3261 §12.2.1.1). */
  requestSpec(method: string): Pick<RequestSpec, 'method' | 'uri' | 'from' | 'to' | 'callId' | 'nextCSeq' | 'routes'> {
    const base = {
      method,
      from: { ...this.local, tag: this.localTag },
      to: { ...this.remote, tag: this.remoteTag },
      callId: this.callId,
      nextCSeq: () => this.nextCSeq(),
    };
    const first = this.routeSet[0];
    if (first === undefined) return { ...base, uri: this.#remoteTarget, routes: [] };
    const route = parseNameAddr(first, 0, 4096);
    if (route.uri.kind !== 'sip' || route.uri.params.has('lr')) {
      return { ...base, uri: this.#remoteTarget, routes: this.routeSet };
    }
    // Strict routing: the first route becomes the Request-URI, the remote target goes last in Route.
    return { ...base, uri: route.rawUri, routes: [...this.routeSet.slice(1), `<${this.#remoteTarget}>`] };
  }
}

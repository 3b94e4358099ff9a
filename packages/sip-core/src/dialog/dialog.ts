import type { RequestSpec } from '../transaction/request-sender.js';
import { callIdOf, cseqOf, parseAddress, tagOf } from '../transport/wire-headers.js';
import { headerList, headerValue, type WireRequest, type WireResponse } from '../transport/wire-message.js';

/** Identifies a dialog from our side: Call-ID, our tag, the peer's tag (RFC 3261 §12). */
export function dialogKey(callId: string, localTag: string, remoteTag: string): string {
  return `${callId}|${localTag}|${remoteTag}`;
}

/** The dialog key of a request received from the peer (its To tag is ours, its From tag theirs). */
export function dialogKeyOfIncoming(request: WireRequest): string | undefined {
  const local = tagOf(request, 'to');
  const remote = tagOf(request, 'from');
  if (local === undefined || remote === undefined) return undefined;
  return dialogKey(callIdOf(request), local, remote);
}

export interface DialogState {
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
  /** Our From value without the tag. */
  readonly localUri: string;
  /** The peer's address (our To value) without the tag. */
  readonly remoteUri: string;
}

/** Our side of a dialog that a NOTIFY is about to create: what the SUBSCRIBE we sent said. */
export interface EarlyDialogSide {
  readonly callId: string;
  readonly localTag: string;
  readonly localUri: string;
  readonly remoteUri: string;
  readonly localSeq: number;
}

function stripTag(value: string): string {
  return value.replace(/;\s*tag=[^;,\s]*/i, '');
}

/**
 * A dialog created by SUBSCRIBE/NOTIFY (RFC 6665 §4.1.2.4, RFC 3261 §12): route set, remote target, sequence
 * numbers, and how an in-dialog request is addressed (loose or strict routing, §12.2.1.1).
 */
export class Dialog implements DialogState {
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
  readonly localUri: string;
  readonly remoteUri: string;
  readonly routeSet: readonly string[];
  #remoteTarget: string;
  #localSeq: number;
  #remoteSeq: number | undefined;

  private constructor(init: {
    callId: string;
    localTag: string;
    remoteTag: string;
    localUri: string;
    remoteUri: string;
    routeSet: readonly string[];
    remoteTarget: string;
    localSeq: number;
    remoteSeq: number | undefined;
  }) {
    this.callId = init.callId;
    this.localTag = init.localTag;
    this.remoteTag = init.remoteTag;
    this.localUri = init.localUri;
    this.remoteUri = init.remoteUri;
    this.routeSet = init.routeSet;
    this.#remoteTarget = init.remoteTarget;
    this.#localSeq = init.localSeq;
    this.#remoteSeq = init.remoteSeq;
  }

  /** RFC 3261 §12.1.2: the UAC side, from a 2xx to our request; the route set is Record-Route reversed. */
  static fromResponse(request: WireRequest, response: WireResponse): Dialog | undefined {
    const remoteTag = tagOf(response, 'to');
    const localTag = tagOf(request, 'from');
    const contact = headerList(response, 'contact')[0];
    if (remoteTag === undefined || localTag === undefined || contact === undefined) return undefined;
    return new Dialog({
      callId: callIdOf(request),
      localTag,
      remoteTag,
      localUri: stripTag(headerValue(request, 'from') ?? ''),
      remoteUri: stripTag(headerValue(request, 'to') ?? ''),
      routeSet: headerList(response, 'record-route').reverse(),
      remoteTarget: parseAddress(contact).uri,
      localSeq: cseqOf(request).seq,
      remoteSeq: undefined,
    });
  }

  /**
   * RFC 6665 §4.1.2.4: a NOTIFY may create the dialog before the 2xx arrives. We receive it, so the route set is
   * its Record-Route in order (RFC 3261 §12.1.1) and the remote target its Contact.
   */
  static fromNotify(local: EarlyDialogSide, notify: WireRequest): Dialog | undefined {
    const remoteTag = tagOf(notify, 'from');
    const contact = headerList(notify, 'contact')[0];
    if (remoteTag === undefined || contact === undefined) return undefined;
    return new Dialog({
      callId: local.callId,
      localTag: local.localTag,
      remoteTag,
      localUri: local.localUri,
      remoteUri: local.remoteUri,
      routeSet: headerList(notify, 'record-route'),
      remoteTarget: parseAddress(contact).uri,
      localSeq: local.localSeq,
      remoteSeq: cseqOf(notify).seq,
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
  receiveRequest(request: WireRequest): boolean {
    const seq = cseqOf(request).seq;
    if (this.#remoteSeq !== undefined && seq <= this.#remoteSeq) return false;
    this.#remoteSeq = seq;
    const contact = headerList(request, 'contact')[0];
    if (contact !== undefined) this.#remoteTarget = parseAddress(contact).uri;
    return true;
  }

  /** Request-URI, Route set and identity headers of an in-dialog request (RFC 3261 §12.2.1.1). */
  requestSpec(method: string): Pick<RequestSpec, 'method' | 'uri' | 'from' | 'to' | 'callId' | 'nextCSeq' | 'routes'> {
    const base = {
      method,
      from: `${this.localUri};tag=${this.localTag}`,
      to: `${this.remoteUri};tag=${this.remoteTag}`,
      callId: this.callId,
      nextCSeq: () => this.nextCSeq(),
    };
    const first = this.routeSet[0];
    if (first === undefined) return { ...base, uri: this.#remoteTarget, routes: [] };
    const firstUri = parseAddress(first);
    if (firstUri.uri.toLowerCase().includes(';lr')) return { ...base, uri: this.#remoteTarget, routes: this.routeSet };
    // Strict routing: the first route becomes the Request-URI, the remote target goes last in Route.
    return { ...base, uri: firstUri.uri, routes: [...this.routeSet.slice(1), `<${this.#remoteTarget}>`] };
  }
}

import { type RlmiResource, serialiseMultipart, serialiseRlmi } from '@simplekit/rls';

/** A list member as a test describes it: instances with a PIDF body for active ones. */
export interface TestResource {
  readonly uri: string;
  readonly instances: readonly {
    readonly id: string;
    readonly state: 'active' | 'pending' | 'terminated';
    readonly reason?: string;
    readonly pidf?: string;
  }[];
}

/** The body and Content-Type of an RLS NOTIFY (RFC 4662 §5), built with `@simplekit/rls`'s serialisers. */
export function rlsNotify(
  listUri: string,
  version: number,
  fullState: boolean,
  resources: readonly TestResource[],
): { body: Uint8Array; contentType: string } {
  const parts: { contentType: string; contentId: string; body: string }[] = [];
  const rlmiResources: RlmiResource[] = resources.map((r) => ({
    uri: r.uri,
    names: [],
    instances: r.instances.map((i) => {
      if (i.pidf === undefined) return { id: i.id, state: i.state, ...(i.reason ? { reason: i.reason } : {}) };
      const cid = `p${parts.length}@rls.test`;
      parts.push({ contentType: 'application/pidf+xml', contentId: cid, body: i.pidf });
      return { id: i.id, state: i.state, cid };
    }),
  }));
  const rlmi = serialiseRlmi({ uri: listUri, version, fullState, resources: rlmiResources });
  return serialiseMultipart({
    type: 'application/rlmi+xml',
    start: 'root@rls.test',
    parts: [{ contentType: 'application/rlmi+xml', contentId: 'root@rls.test', body: rlmi }, ...parts],
  });
}

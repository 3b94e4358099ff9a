const SLAB_BYTES = 256 * 1024;

/**
 * Returns a copier that packs the bodies kept from one notification into a few large buffers. Copying each
 * of 1,000 bodies into its own buffer costs 1,000 external allocations and the garbage collection that follows;
 * a slab costs one per 256 KiB. A slab lives while any body in it does, so at worst it outlives the bodies it held
 * by the size of one notification.
 */
export function bodySlab(): (bytes: Uint8Array) => Uint8Array {
  let slab: Uint8Array | undefined;
  let used = 0;
  return (bytes) => {
    if (bytes.byteLength > SLAB_BYTES / 4) return new Uint8Array(bytes);
    if (slab === undefined || used + bytes.byteLength > slab.byteLength) {
      slab = new Uint8Array(SLAB_BYTES);
      used = 0;
    }
    const view = slab.subarray(used, used + bytes.byteLength);
    view.set(bytes);
    used += bytes.byteLength;
    return view;
  };
}

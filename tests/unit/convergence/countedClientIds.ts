import type * as YModule from 'yjs';

/** The next client id a Y.Doc gets; openReplicas resets it so each seed replays exactly. */
export const clientIds = { next: 1 };

/**
 * 'yjs' whose Docs take their client id from `clientIds`, for `vi.mock('yjs', ...)`. Yjs breaks
 * ties between concurrent edits by client id, and openHeadlessDeclaration edits through a private
 * mirror Doc that would otherwise get a random one, so a seed would not replay.
 */
export async function yjsWithCountedClientIds(importOriginal: () => Promise<typeof YModule>): Promise<typeof YModule> {
  const Y = await importOriginal();
  class Doc extends Y.Doc {
    constructor(options?: ConstructorParameters<typeof Y.Doc>[0]) {
      super(options);
      this.clientID = clientIds.next++;
    }
  }
  return { ...Y, Doc };
}

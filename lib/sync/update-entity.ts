import { QboError, type EntityOf, type QboClient, type WritableEntity } from "../qbo/client";

// A sparse update with the SyncToken we last knew (the cross-reference's), so the common case costs no read.
// When QuickBooks answers 5010 (someone changed it since), the entity is read again and the same changes are
// applied to the version it now has, once; a request id of its own, since QuickBooks would replay the 5010.
// For listening back and corrections: the posting pipeline itself only creates.
export async function updateReapplying<E extends WritableEntity>(
  client: QboClient,
  entity: E,
  input: { id: string; syncToken: string; changes: Record<string, unknown>; requestId: string },
): Promise<EntityOf<E>> {
  try {
    return await client.update(entity, { ...input.changes, Id: input.id, SyncToken: input.syncToken }, { requestId: input.requestId });
  } catch (error) {
    if (!(error instanceof QboError) || error.code !== "5010") throw error;
    const current = (await client.read(entity, input.id)) as { SyncToken: string };
    return client.update(entity, { ...input.changes, Id: input.id, SyncToken: current.SyncToken }, { requestId: `${input.requestId.slice(0, 46)}-s${current.SyncToken}`.slice(0, 50) });
  }
}

import type * as Y from 'yjs';

/**
 * Records kept one key per field (`<id>/<field>` → plain value) in a secretariat root, so that two
 * secretariat laptops changing different fields of one record both keep their change, and a removal
 * is a marker that no late field write can undo. The agenda and the delegations are kept this way.
 */
const REMOVED = 'removed';

export const fieldKey = (id: string, field: string) => `${id}/${field}`;

/** The fields of every record not removed, by id (in the map's order); fields not named are ignored. */
export function readFieldRecords(map: Y.Map<unknown>, fields: readonly string[]): Map<string, Record<string, unknown>> {
  const byId = new Map<string, Record<string, unknown>>();
  const removed = new Set<string>();
  map.forEach((value, key) => {
    const slash = key.indexOf('/');
    if (slash < 0) return;
    const id = key.slice(0, slash);
    const field = key.slice(slash + 1);
    if (field === REMOVED) removed.add(id);
    else if (fields.includes(field)) byId.set(id, { ...byId.get(id), [field]: value });
  });
  for (const id of removed) byId.delete(id);
  return byId;
}

/** Whether an id was ever used: a field of it is there, or its removal. */
export function fieldRecordExists(map: Y.Map<unknown>, id: string, fields: readonly string[]): boolean {
  return fields.some((field) => map.has(fieldKey(id, field))) || map.has(fieldKey(id, REMOVED));
}

/** Removes a record for good: its fields go, and the marker stays. Call inside a transaction. */
export function removeFieldRecord(map: Y.Map<unknown>, id: string, fields: readonly string[]): void {
  for (const field of fields) map.delete(fieldKey(id, field));
  map.set(fieldKey(id, REMOVED), true);
}

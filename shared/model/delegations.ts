import { z } from 'zod';
import * as Y from 'yjs';
import { isOrderKey, keyBetween, spreadKeys } from './agendaOrder';
import { fieldKey, fieldRecordExists, readFieldRecords, removeFieldRecord } from './fieldRecords';
import { EntityId } from './meeting';
import { holdsSecretariatParts, type MeetingDocs, requireSecretariatDoc, SECRETARIAT_ROOTS } from './secretariatDoc';

/**
 * A meeting's list of delegations, kept by the secretariat in its doc (secretariatDoc.ts): each
 * city's delegation and its head, in the order the secretariat lists them. The draft's opening
 * names them, invitations and bracket proposers offer them.
 *
 * Stored as the agenda is (agenda.ts): one key per field, `<id>/<field>` → plain value, and a
 * fractional `order` key, so a move sets one key, edits of different fields from two secretariat
 * laptops both stay, and a removal leaves `<id>/removed` so a concurrent edit cannot bring the
 * delegation back. The head's name and title are written together whenever either changes: they
 * describe one person, and a merge must never pair one laptop's new head with the other's title.
 */

const FIELDS = ['name', 'headName', 'headTitle', 'order'] as const;

/**
 * The ten ASEAN capitals and the secretariat's guests, with room to spare. Also a bound on what a
 * modified client can make every laptop render and every opening name.
 */
export const MAX_DELEGATIONS = 60;

// One line of text: a name pasted with a line break would split the draft's opening in two.
const oneLine = (max: number) =>
  z
    .string()
    .transform((value) => value.replace(/\s+/g, ' ').trim())
    .pipe(z.string().max(max, `Use at most ${max} characters.`));

/** What the secretariat enters for a delegation; the form and every write go through this. */
export const DelegationInput = z.object({
  /** The city or delegation, as invitations name it ("Phnom Penh"). */
  name: oneLine(100).pipe(z.string().min(1, 'This field is required.')),
  /** "H.E. Mr. Khuong Sreng"; may be empty while the head is not known. */
  headName: oneLine(200),
  /** "Governor of Phnom Penh"; may be empty. */
  headTitle: oneLine(200),
});
export type DelegationInput = z.input<typeof DelegationInput>;

// Read back strictly where an entry would mislead (a name that is not one line of text is no
// delegation), leniently where it would only lose a detail (an unreadable head reads as unknown).
const storedLine = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !/[\p{Cc}\p{Zl}\p{Zp}]/u.test(value))
    .transform((value) => value.trim());
const StoredDelegation = z.object({
  id: EntityId,
  name: storedLine(100).refine((value) => value !== ''),
  headName: storedLine(200).catch(''),
  headTitle: storedLine(200).catch(''),
  order: z.string().refine(isOrderKey),
});
export type Delegation = z.infer<typeof StoredDelegation>;

const fieldsOf = (secretariat: Y.Doc) => secretariat.getMap<unknown>(SECRETARIAT_ROOTS.delegations);
const keyOf = fieldKey;

/** One delegation, however its name is spelt or spaced: "Ha Noi" and " ha  noi" are the same city. */
export function delegationKey(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('en');
}

/** Every readable delegation of a secretariat doc, in listing order (order key, then id). */
export function readDelegations(secretariat: Y.Doc): Delegation[] {
  const byId = readFieldRecords(fieldsOf(secretariat), FIELDS);
  const list: Delegation[] = [];
  for (const [id, fields] of byId) {
    const parsed = StoredDelegation.safeParse({ headName: '', headTitle: '', ...fields, id });
    if (parsed.success) list.push(parsed.data);
  }
  return list.sort(compareDelegations).slice(0, MAX_DELEGATIONS);
}

/** The meeting's delegations; a meeting whose secretariat has not copied its parts yet has none listed. */
export function readMeetingDelegations(docs: MeetingDocs): Delegation[] {
  return holdsSecretariatParts(docs.secretariat) ? readDelegations(docs.secretariat) : [];
}

function compareDelegations(a: Delegation, b: Delegation): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The names to offer (invitations, bracket proposers): the listed delegations in their order, then
 * `others` (the delegations participants joined as) that are not listed, each name once.
 */
export function delegationChoices(listed: ReadonlyArray<Pick<Delegation, 'name'>>, others: ReadonlyArray<string> = []): string[] {
  const seen = new Set<string>();
  const choices: string[] = [];
  const offer = (name: string) => {
    const key = delegationKey(name);
    if (key === '' || seen.has(key)) return;
    seen.add(key);
    choices.push(name);
  };
  for (const delegation of listed) offer(delegation.name);
  for (const name of [...others].sort((a, b) => a.localeCompare(b))) offer(name);
  return choices;
}

/** Whether a delegation of that name is listed, other than `except` (the one being edited). */
export function isDelegationListed(secretariat: Y.Doc, name: string, except?: string): boolean {
  const key = delegationKey(name);
  return readDelegations(secretariat).some((d) => d.id !== except && delegationKey(d.name) === key);
}

/**
 * Lists a delegation at the end. `id` comes from the caller (shared/ has no random source). A name
 * already listed is refused: two laptops listing one city at once still can, and both entries show
 * (and the draft and the pickers name it once) until the secretariat removes one.
 */
export function addDelegation(secretariat: Y.Doc, id: string, input: DelegationInput): void {
  requireSecretariatDoc(secretariat);
  EntityId.parse(id);
  const valid = DelegationInput.parse(input);
  if (isDelegationListed(secretariat, valid.name)) throw new Error(`${valid.name} is already listed.`);
  const current = readDelegations(secretariat);
  if (current.length >= MAX_DELEGATIONS) throw new Error(`A meeting lists at most ${MAX_DELEGATIONS} delegations.`);
  secretariat.transact(() => {
    const fields = fieldsOf(secretariat);
    if (fieldRecordExists(fields, id, FIELDS)) throw new Error(`Delegation ${id} already exists.`);
    const order = orderKeyAt(secretariat, id, Number.POSITIVE_INFINITY);
    for (const [key, value] of Object.entries(valid)) fields.set(keyOf(id, key), value);
    fields.set(keyOf(id, 'order'), order);
  });
}

/**
 * Changes what differs from the delegation as listed, so two laptops editing different parts both
 * keep their change; the head's name and title go together (see above). Returns false if the
 * delegation is gone.
 */
export function updateDelegation(secretariat: Y.Doc, id: string, input: DelegationInput): boolean {
  requireSecretariatDoc(secretariat);
  const valid = DelegationInput.parse(input);
  const current = readDelegations(secretariat).find((d) => d.id === id);
  if (!current) return false;
  if (delegationKey(valid.name) !== delegationKey(current.name) && isDelegationListed(secretariat, valid.name, id)) {
    throw new Error(`${valid.name} is already listed.`);
  }
  const changed: Array<keyof typeof valid> = [];
  if (valid.name !== current.name) changed.push('name');
  if (valid.headName !== current.headName || valid.headTitle !== current.headTitle) changed.push('headName', 'headTitle');
  if (changed.length === 0) return true;
  secretariat.transact(() => {
    for (const key of changed) fieldsOf(secretariat).set(keyOf(id, key), valid[key]);
  });
  return true;
}

export function removeDelegation(secretariat: Y.Doc, id: string): boolean {
  requireSecretariatDoc(secretariat);
  if (!readDelegations(secretariat).some((d) => d.id === id)) return false;
  secretariat.transact(() => {
    const fields = fieldsOf(secretariat);
    removeFieldRecord(fields, id, FIELDS);
  });
  return true;
}

/** Moves a delegation one place up or down, or to a position (0 = first); false if it cannot. */
export function moveDelegation(secretariat: Y.Doc, id: string, to: 'up' | 'down' | number): boolean {
  requireSecretariatDoc(secretariat);
  const list = readDelegations(secretariat);
  const from = list.findIndex((d) => d.id === id);
  if (from < 0) return false;
  const index = to === 'up' ? from - 1 : to === 'down' ? from + 1 : Math.max(0, Math.min(to, list.length - 1));
  if (index < 0 || index >= list.length || index === from) return false;
  secretariat.transact(() => {
    const order = orderKeyAt(secretariat, id, index);
    if (fieldsOf(secretariat).get(keyOf(id, 'order')) !== order) fieldsOf(secretariat).set(keyOf(id, 'order'), order);
  });
  return true;
}

/**
 * An order key that puts `id` at `index` among the other delegations. Inside a transaction: when
 * the neighbours share a key (two laptops added at the same place), the others are first given
 * fresh, spread-out keys in their current order.
 */
function orderKeyAt(secretariat: Y.Doc, id: string, index: number): string {
  let others = readDelegations(secretariat).filter((d) => d.id !== id);
  const at = Math.max(0, Math.min(index, others.length));
  const before = others[at - 1]?.order ?? null;
  const after = others[at]?.order ?? null;
  if (before === null || after === null || before < after) return keyBetween(before, after);
  const fresh = spreadKeys(others.length);
  others.forEach((other, i) => fieldsOf(secretariat).set(keyOf(other.id, 'order'), fresh[i]));
  others = others.map((other, i) => ({ ...other, order: fresh[i]! }));
  return keyBetween(others[at - 1]?.order ?? null, others[at]?.order ?? null);
}

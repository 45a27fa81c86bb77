/**
 * Participants' colours (cursor, selection, name label, dot in the participants panel), worked out
 * by every window alike from the document's presence states alone, so all windows agree:
 *
 * - no two participants present at once share a colour while the palette lasts;
 * - a participant keeps their colour while present: each window publishes the colour it was given
 *   (`color`) and a claim is honoured before anyone without one is placed, so neither a newcomer
 *   nor someone leaving repaints anyone else;
 * - two claims on one colour (two windows that joined at the same moment, before either saw the
 *   other) go to the one that joined first (`joined`, its wall clock; then the lower client id);
 * - someone without a colour yet takes the first free one from the place their name hashes to, so
 *   a name tends to get the same colour from one session to the next.
 *
 * Fifteen colours cover a meeting of a dozen delegations plus the secretariat with some to spare.
 * Beyond fifteen people present at once, colours repeat: the extra people take their name's colour
 * even though someone else has it.
 */

export interface PresenceColor {
  /** The cursor, the selection tint, the label behind the name and the dot. */
  background: string;
  /** The name written on `background`, at a contrast of at least 4.5:1. */
  text: string;
}

const WHITE = '#ffffff';
const INK = '#1b2330';

/** Dark and light colours apart by hue and lightness (CIEDE2000 over 14 between any two). */
export const PRESENCE_COLORS: readonly PresenceColor[] = [
  { background: '#1f5fbf', text: WHITE }, // blue
  { background: '#f57c00', text: INK }, // orange
  { background: '#2e7d32', text: WHITE }, // green
  { background: '#f48fb1', text: INK }, // pink
  { background: '#7b3fb5', text: WHITE }, // purple
  { background: '#f2c200', text: INK }, // yellow
  { background: '#c62828', text: WHITE }, // red
  { background: '#4dd0e1', text: INK }, // cyan
  { background: '#7a4a2a', text: WHITE }, // brown
  { background: '#8bc34a', text: INK }, // lime
  { background: '#b0186a', text: WHITE }, // magenta
  { background: '#64b5f6', text: INK }, // sky
  { background: '#00798c', text: WHITE }, // teal
  { background: '#b39ddb', text: INK }, // lavender
  { background: '#5f6b00', text: WHITE }, // olive
];

const indexOf = new Map(PRESENCE_COLORS.map((color, index) => [color.background, index]));

/** Where a name starts looking for a free colour: the same place in every window and session. */
export function namePreference(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) | 0;
  return Math.abs(hash) % PRESENCE_COLORS.length;
}

interface Present {
  clientId: number;
  name: string;
  joined: number;
  claimed: number | undefined;
}

/** Presence states by client id → the colour of each participant in them (states without a name are nobody). */
export function assignPresenceColors(states: ReadonlyMap<number, Record<string, unknown>>): Map<number, PresenceColor> {
  const present: Present[] = [];
  states.forEach((state, clientId) => {
    if (typeof state.name !== 'string' || state.name === '') return;
    // A window of an earlier Accord publishes no join time: it counts as the latest to join.
    const joined = typeof state.joined === 'number' && Number.isFinite(state.joined) ? state.joined : Number.POSITIVE_INFINITY;
    const claimed = typeof state.color === 'string' ? indexOf.get(state.color) : undefined;
    present.push({ clientId, name: state.name, joined, claimed });
  });
  present.sort((a, b) => (a.joined === b.joined ? a.clientId - b.clientId : a.joined < b.joined ? -1 : 1));

  const taken = new Set<number>();
  const given = new Map<number, number>();
  for (const person of present) {
    if (person.claimed === undefined || taken.has(person.claimed)) continue;
    taken.add(person.claimed);
    given.set(person.clientId, person.claimed);
  }
  for (const person of present) {
    if (given.has(person.clientId)) continue;
    const start = namePreference(person.name);
    let index = start;
    for (let step = 0; step < PRESENCE_COLORS.length; step += 1) {
      const candidate = (start + step) % PRESENCE_COLORS.length;
      if (!taken.has(candidate)) {
        index = candidate;
        break;
      }
    }
    taken.add(index);
    given.set(person.clientId, index);
  }
  return new Map([...given].map(([clientId, index]) => [clientId, PRESENCE_COLORS[index]!]));
}

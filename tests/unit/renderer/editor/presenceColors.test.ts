import { describe, expect, it } from 'vitest';
import { assignPresenceColors, namePreference, PRESENCE_COLORS } from '../../../../renderer/editor/presenceColors';

type State = Record<string, unknown>;

/** The colour every participant got before: a hash of the name over nine colours. */
function legacyColorIndex(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) | 0;
  return Math.abs(hash) % 9;
}

// Found by trying delegates' names: these share a colour under the old hash, and also start
// from the same place in today's palette, so only the assignment can tell them apart.
const THIDA = 'Thida';
const DARA = 'Dara (Secretariat)';
const LAN = 'Lan';
const BUDI = 'Budi';
const MEI = 'Mei';

/** The documents' presence as every window sees it, with each window claiming the colour it is given. */
class Room {
  readonly states = new Map<number, State>();

  join(clientId: number, name: string, joined: number): this {
    this.states.set(clientId, { name, joined });
    return this.settle();
  }

  leave(clientId: number): this {
    this.states.delete(clientId);
    return this.settle();
  }

  /** What each window then publishes: the colour it was given, until nobody's changes. */
  settle(): this {
    for (let round = 0; round < 10; round += 1) {
      const colors = assignPresenceColors(this.states);
      let changed = false;
      for (const [clientId, state] of this.states) {
        const color = colors.get(clientId)?.background;
        if (color && state.color !== color) {
          this.states.set(clientId, { ...state, color });
          changed = true;
        }
      }
      if (!changed) return this;
    }
    throw new Error('the colours never settled');
  }

  colors(): Map<number, string> {
    return new Map([...assignPresenceColors(this.states)].map(([clientId, color]) => [clientId, color.background]));
  }
}

describe('participants’ colours', () => {
  it('gives different colours to two names the old hash coloured alike', () => {
    expect(legacyColorIndex(THIDA)).toBe(legacyColorIndex(DARA));
    expect(namePreference(THIDA)).toBe(namePreference(DARA));
    const colors = new Room().join(11, DARA, 1000).join(22, THIDA, 2000).colors();
    expect(colors.get(11)).not.toBe(colors.get(22));
  });

  it('gives different colours to two windows of the same name', () => {
    const colors = new Room().join(11, LAN, 1000).join(22, LAN, 2000).colors();
    expect(colors.get(11)).not.toBe(colors.get(22));
  });

  it('lets a newcomer take a free colour without repainting anyone present', () => {
    expect(new Set([LAN, BUDI, MEI].map(legacyColorIndex)).size).toBe(1);
    expect(new Set([LAN, BUDI, MEI].map(namePreference)).size).toBe(1);
    const room = new Room().join(7, LAN, 1000).join(3, THIDA, 2000);
    const before = room.colors();
    room.join(1, BUDI, 3000);
    const after = room.colors();
    expect(after.get(7)).toBe(before.get(7));
    expect(after.get(3)).toBe(before.get(3));
    expect(new Set(after.values()).size).toBe(3);
    // A newcomer with the lowest client id of all still repaints nobody.
    room.join(0, MEI, 4000);
    const later = room.colors();
    for (const clientId of [7, 3, 1]) expect(later.get(clientId)).toBe(after.get(clientId));
    expect(new Set(later.values()).size).toBe(4);
  });

  it('repaints nobody when someone leaves, even the one who had to give way to them', () => {
    const room = new Room().join(1, LAN, 1000).join(2, BUDI, 2000).join(3, MEI, 3000);
    const before = room.colors();
    room.leave(1);
    expect(room.colors()).toEqual(new Map([...before].filter(([clientId]) => clientId !== 1)));
    // Lan comes back and takes the colour now free, not the one Budi and Mei have.
    room.join(4, LAN, 4000);
    const after = room.colors();
    expect(after.get(2)).toBe(before.get(2));
    expect(after.get(3)).toBe(before.get(3));
    expect(new Set(after.values()).size).toBe(3);
  });

  it('settles two windows that claimed one colour at the same moment on the earlier arrival keeping it', () => {
    // Each claimed its name's colour before it saw the other.
    const claimed = PRESENCE_COLORS[namePreference(THIDA)]!.background;
    const room = new Room();
    room.states.set(50, { name: THIDA, joined: 2000, color: claimed });
    room.states.set(60, { name: DARA, joined: 1000, color: claimed });
    const colors = room.settle().colors();
    expect(colors.get(60)).toBe(claimed);
    expect(colors.get(50)).not.toBe(claimed);
  });

  it('comes out the same in every window, whatever order the window learnt of the others in', () => {
    const room = new Room().join(9, LAN, 1000).join(4, BUDI, 1000).join(6, MEI, 2500).join(2, THIDA, 3000).join(5, DARA, 3000);
    const reversed = new Map([...room.states].reverse());
    expect(new Map([...assignPresenceColors(reversed)].map(([id, c]) => [id, c.background]))).toEqual(room.colors());
    // Nor does it matter in which order the claims were made: without any, the join order decides.
    const unclaimed = new Map([...room.states].map(([id, state]) => [id, { name: state.name, joined: state.joined }]));
    expect(assignPresenceColors(unclaimed)).toEqual(assignPresenceColors(new Map([...unclaimed].reverse())));
  });

  it(`has a colour apiece for ${PRESENCE_COLORS.length} people present at once, a dozen delegations and the secretariat among them`, () => {
    expect(PRESENCE_COLORS.length).toBeGreaterThanOrEqual(13);
    const room = new Room();
    for (let i = 0; i < PRESENCE_COLORS.length; i += 1) room.join(100 + i, i % 2 === 0 ? LAN : `Delegate ${i}`, 1000 + i);
    expect(new Set(room.colors().values()).size).toBe(PRESENCE_COLORS.length);
    // One more, and a colour repeats rather than anyone going without.
    room.join(999, MEI, 9000);
    expect(room.colors().get(999)).toBeDefined();
    expect(new Set(room.colors().values()).size).toBe(PRESENCE_COLORS.length);
  });

  it('colours only those who said who they are', () => {
    const colors = assignPresenceColors(new Map<number, State>([[1, {}], [2, { cursor: null }], [3, { name: LAN }]]));
    expect([...colors.keys()]).toEqual([3]);
  });

  it('writes every name legibly on its colour', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    for (const { background, text } of PRESENCE_COLORS) {
      const [light, dark] = [luminance(background), luminance(text)].sort((a, b) => b - a);
      expect((light! + 0.05) / (dark! + 0.05), background).toBeGreaterThanOrEqual(4.5);
    }
    expect(new Set(PRESENCE_COLORS.map((color) => color.background)).size).toBe(PRESENCE_COLORS.length);
  });
});

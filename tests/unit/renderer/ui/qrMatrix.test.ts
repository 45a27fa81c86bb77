import { describe, expect, it } from 'vitest';
import { QUIET_ZONE, qrModules, qrPath } from '../../../../renderer/ui/qrMatrix';

/** The modules a path paints, read back from its `M x y hN v1 h-N z` runs. */
function painted(path: string): Set<string> {
  const cells = new Set<string>();
  for (const [, x, y, width] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    for (let i = 0; i < Number(width); i += 1) cells.add(`${Number(y) - QUIET_ZONE},${Number(x) - QUIET_ZONE + i}`);
  }
  return cells;
}

describe('the QR code on an invitation card', () => {
  it('paints exactly the dark modules of the join link’s code, inside a quiet zone', () => {
    const modules = qrModules('https://hub.example.org/join#code=K7QP-2M9X-4TWA-HC3R');
    // A QR symbol is 4 × version + 17 modules wide, and square.
    expect((modules.length - 17) % 4).toBe(0);
    expect(modules.every((row) => row.length === modules.length)).toBe(true);
    const dark = new Set<string>();
    modules.forEach((row, r) => row.forEach((isDark, c) => isDark && dark.add(`${r},${c}`)));
    expect(painted(qrPath(modules))).toEqual(dark);
    // The three finder patterns' corners are dark, as every reader expects.
    const last = modules.length - 1;
    expect([modules[0]![0], modules[0]![last], modules[last]![0]]).toEqual([true, true, true]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Main pushes, the window listens: nothing in renderer/ asks main again on a timer. The only
 * repeating timers there refresh what the window computes itself, each named here with why.
 */
const CLOCKS_OF_THE_WINDOW_ITSELF: Record<string, string> = {
  'renderer/features/declaration/comments/CommentsPanel.tsx': 'relative times ("5 minutes ago"), computed in the window',
};

function rendererFiles(): string[] {
  return readdirSync('renderer', { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => join('renderer', file));
}

describe('the window', () => {
  it('runs no repeating timer but its own clocks, so it never polls main', () => {
    const repeating = rendererFiles().filter((file) => /\bsetInterval\s*\(/.test(readFileSync(file, 'utf8')));
    expect(repeating.sort()).toEqual(Object.keys(CLOCKS_OF_THE_WINDOW_ITSELF).sort());
  });

  it('asks nothing of main from the window’s own clocks', () => {
    for (const file of Object.keys(CLOCKS_OF_THE_WINDOW_ITSELF)) {
      const source = readFileSync(file, 'utf8');
      const timer = /setInterval\(([^;]*)\)/.exec(source)?.[1] ?? '';
      expect(timer).not.toMatch(/api\.|call\(/);
    }
  });
});

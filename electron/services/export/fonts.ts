import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { PrintFont } from '../../../shared/export/printHtml';

/**
 * The fonts every export is set in, bundled with the app through the @fontsource packages so a
 * PDF looks the same on every machine and nothing from the system is embedded. Each package's
 * own CSS (400.css, 400-italic.css, 700.css) names its files and the unicode-range of each
 * subset; only the subsets a declaration of the region needs are kept, as data: URLs.
 */
interface FontPackage {
  name: string;
  family: string;
  subsets: ReadonlyArray<string>;
}

export const FONT_PACKAGES: ReadonlyArray<FontPackage> = [
  { name: 'noto-serif', family: 'Noto Serif', subsets: ['latin', 'latin-ext', 'vietnamese'] },
  { name: 'noto-sans', family: 'Noto Sans', subsets: ['latin', 'latin-ext', 'vietnamese'] },
  // The script families are only ever reached for their own script: Noto Serif comes first in
  // every stack, so their Latin subsets would never be used.
  { name: 'noto-serif-khmer', family: 'Noto Serif Khmer', subsets: ['khmer'] },
  { name: 'noto-serif-thai', family: 'Noto Serif Thai', subsets: ['thai'] },
  { name: 'noto-serif-lao', family: 'Noto Serif Lao', subsets: ['lao'] },
  { name: 'noto-serif-myanmar', family: 'Noto Serif Myanmar', subsets: ['myanmar'] },
];

const STYLESHEETS = ['400.css', '400-italic.css', '700.css'] as const;

/**
 * The folder holding the @fontsource packages: resolved as Node resolves a package, from the
 * code's own location, so it works from source (tsx, vitest), from the esbuild bundle in
 * dist/electron and from a packaged app's app.asar, where electron-builder puts production
 * dependencies. Without __filename (an ES module run by tsx) the working directory is the
 * repository, as every npm script runs there.
 */
export function defaultFontsourceDir(): string {
  const from = typeof __filename === 'string' ? __filename : resolve('package.json');
  try {
    const pkg = createRequire(from).resolve('@fontsource/noto-serif/package.json');
    return dirname(dirname(pkg));
  } catch {
    return resolve('node_modules', '@fontsource');
  }
}

export class MissingFontsError extends Error {}

const FACE = /@font-face\s*\{([^}]*)\}/g;

function descriptor(block: string, name: string): string | undefined {
  return new RegExp(`${name}\\s*:\\s*([^;]+);`).exec(block)?.[1]?.trim();
}

/** Every bundled face, as @font-face entries with data: URLs; throws MissingFontsError naming what is missing. */
export function loadBundledFonts(dir: string = defaultFontsourceDir()): PrintFont[] {
  const fonts: PrintFont[] = [];
  for (const pkg of FONT_PACKAGES) {
    const pkgDir = join(dir, pkg.name);
    if (!existsSync(pkgDir)) throw new MissingFontsError(`The bundled font ${pkg.family} is missing (looked in ${pkgDir}).`);
    for (const sheet of STYLESHEETS) {
      const cssFile = join(pkgDir, sheet);
      // Not every family has italics (the script families have none): the browser slants those.
      if (!existsSync(cssFile)) continue;
      const css = readFileSync(cssFile, 'utf8');
      for (const match of css.matchAll(FACE)) {
        const block = match[1]!;
        const src = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
        if (!src) continue;
        // noto-serif-khmer-khmer-400-normal.woff2 → "khmer"; noto-serif-latin-ext-700-italic.woff2 → "latin-ext".
        const subset = src.slice(pkg.name.length + 1).replace(/-\d00-(normal|italic)\.woff2$/, '');
        if (!src.startsWith(`${pkg.name}-`) || !pkg.subsets.includes(subset)) continue;
        const file = join(pkgDir, 'files', src);
        fonts.push({
          family: pkg.family,
          weight: Number(descriptor(block, 'font-weight') ?? 400),
          style: descriptor(block, 'font-style') === 'italic' ? 'italic' : 'normal',
          unicodeRange: descriptor(block, 'unicode-range'),
          url: `data:font/woff2;base64,${readFileSync(file).toString('base64')}`,
        });
      }
    }
    if (!fonts.some((font) => font.family === pkg.family)) {
      throw new MissingFontsError(`The bundled font ${pkg.family} has none of its files in ${pkgDir}.`);
    }
  }
  return fonts;
}

let cached: { dir: string; fonts: PrintFont[] } | undefined;

/** loadBundledFonts, read once per process (about 1 MB of base64). */
export function bundledFonts(dir: string = defaultFontsourceDir()): PrintFont[] {
  if (cached?.dir !== dir) cached = { dir, fonts: loadBundledFonts(dir) };
  return cached.fonts;
}

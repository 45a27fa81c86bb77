import qrcode from 'qrcode-generator';

/** Modules of white around the symbol, as the QR standard asks, so a phone finds its edges on paper. */
export const QUIET_ZONE = 4;

/** The dark modules of a QR code for `text`, row by row (medium error correction: a card gets creased). */
export function qrModules(text: string): boolean[][] {
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  const size = code.getModuleCount();
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => code.isDark(row, col)));
}

/**
 * One SVG path for every dark module, a rectangle per horizontal run, offset by the quiet zone:
 * drawn as vectors it prints sharp at any size, and needs neither a canvas nor markup injected.
 */
export function qrPath(modules: boolean[][]): string {
  const parts: string[] = [];
  modules.forEach((cells, row) => {
    let col = 0;
    while (col < cells.length) {
      if (!cells[col]) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < cells.length && cells[col]) col += 1;
      parts.push(`M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${col - start}v1h-${col - start}z`);
    }
  });
  return parts.join('');
}

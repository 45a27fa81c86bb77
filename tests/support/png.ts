import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

export interface GrayImage {
  width: number;
  height: number;
  /** One byte a pixel, row after row: 0 black, 255 white. */
  pixels: Uint8Array;
}

/**
 * Reads the 8-bit grey or RGB PNG that pdftoppm writes (some builds ignore -gray with -png) as
 * grey, so tests can look at a rendered page without an image package. Only those kinds of PNG:
 * anything else is refused, not misread.
 */
export function readGrayPng(file: string): GrayImage {
  const bytes = readFileSync(file);
  if (bytes.readUInt32BE(0) !== 0x89504e47) throw new Error(`${file} is not a PNG`);
  let width = 0;
  let height = 0;
  let channels = 1;
  const data: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = body.subarray(8);
      if (depth !== 8 || (colour !== 0 && colour !== 2) || interlace !== 0) throw new Error(`${file}: only 8-bit grey or RGB, non-interlaced PNGs are read here`);
      channels = colour === 2 ? 3 : 1;
    }
    if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const unfiltered = new Uint8Array(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)]!;
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i += 1) {
      const at = y * stride + i;
      const left = i >= channels ? unfiltered[at - channels]! : 0;
      const up = y > 0 ? unfiltered[at - stride]! : 0;
      const upLeft = i >= channels && y > 0 ? unfiltered[at - stride - channels]! : 0;
      unfiltered[at] = (row[i]! + predict(filter, left, up, upLeft)) & 0xff;
    }
  }
  const pixels = new Uint8Array(width * height);
  for (let p = 0; p < pixels.length; p += 1) {
    let sum = 0;
    for (let c = 0; c < channels; c += 1) sum += unfiltered[p * channels + c]!;
    pixels[p] = Math.round(sum / channels);
  }
  return { width, height, pixels };
}

function predict(filter: number, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4: {
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }
    default:
      throw new Error(`unknown PNG filter ${filter}`);
  }
}

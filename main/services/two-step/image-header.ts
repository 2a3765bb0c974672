import { inflateSync } from 'node:zlib';

/**
 * The dimensions an image declares, read from its header without decoding it: a PNG's IHDR or a
 * JPEG's frame header (SOFn). The bytes are untrusted: every read is bounds-checked and the walk
 * over chunks or segments only moves forward, so its cost is at most linear in the file's size.
 */
export interface ImageHeader {
  format: 'png' | 'jpeg';
  width: number;
  height: number;
}
export type HeaderProblem = 'not_an_image' | 'unreadable_image';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Start-of-frame markers: SOF0–SOF15 but DHT (C4), JPG (C8) and DAC (CC). */
const JPEG_FRAME = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

export function readImageHeader(bytes: Buffer): ImageHeader | HeaderProblem {
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return pngHeader(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegHeader(bytes);
  return 'not_an_image';
}

/** A PNG's chunks in order, as far as their declared lengths stay inside the file. */
export function* pngChunks(bytes: Buffer): Generator<{ type: string; data: Buffer }> {
  let at = 8;
  while (at + 12 <= bytes.length) {
    const end = at + 12 + bytes.readUInt32BE(at);
    if (end > bytes.length) return;
    yield { type: bytes.toString('latin1', at + 4, at + 8), data: bytes.subarray(at + 8, end - 4) };
    at = end;
  }
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Whether a PNG's image data inflates within what its header allows. pngjs bounds its own
 * inflation except for interlaced images, where a few MB of deflate can expand a thousandfold:
 * those are inflated here first, and cut at the bound.
 */
export function pngDataWithinHeader(bytes: Buffer): boolean {
  const chunks = [...pngChunks(bytes)];
  const header = chunks[0]?.data;
  if (!header || header.length !== 13) return false;
  if (header[12] !== 1) return true;
  const bits = (CHANNELS[header[9]!] ?? 4) * header[8]!;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  // Seven passes of at most `height` rows in all twice over, each row a filter byte and at most one partial byte more.
  const bound = Math.ceil((width * height * bits) / 8) + 4 * height + 64;
  try {
    inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)), { maxOutputLength: bound });
    return true;
  } catch {
    return false;
  }
}

function pngHeader(bytes: Buffer): ImageHeader | HeaderProblem {
  let header: ImageHeader | undefined;
  for (const { type, data } of pngChunks(bytes)) {
    if (type === 'IHDR') {
      // pngjs takes the dimensions of every IHDR it meets: only a lone, first one is believed.
      if (header || data.length !== 13) return 'unreadable_image';
      header = { format: 'png', width: data.readUInt32BE(0), height: data.readUInt32BE(4) };
    } else if (!header) return 'unreadable_image';
    if (type === 'IEND') break;
  }
  return header && header.width > 0 && header.height > 0 ? header : 'unreadable_image';
}

function jpegHeader(bytes: Buffer): ImageHeader | HeaderProblem {
  let at = 2;
  while (at < bytes.length && bytes[at] === 0xff) {
    while (bytes[at] === 0xff) at++; // fill bytes before a marker
    const marker = bytes[at++];
    if (marker === undefined || marker === 0xd9 || marker === 0xda) break; // the end, or image data before any frame header
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue; // markers without a length
    if (at + 2 > bytes.length) break;
    const length = bytes.readUInt16BE(at);
    if (length < 2) break;
    if (JPEG_FRAME.has(marker)) {
      if (length < 8 || at + 7 > bytes.length) break;
      const height = bytes.readUInt16BE(at + 3);
      const width = bytes.readUInt16BE(at + 5);
      return width > 0 && height > 0 ? { format: 'jpeg', width, height } : 'unreadable_image';
    }
    at += length;
  }
  return 'unreadable_image';
}

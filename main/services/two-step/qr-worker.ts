import jpeg from 'jpeg-js';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { parentPort, workerData } from 'node:worker_threads';
import { pngDataWithinHeader } from './image-header';

/**
 * Worker thread (main/services/two-step/qr-image.ts): decodes one screenshot whose header dimensions were
 * already checked, and posts the QR code's text or why there is none. Pixels never leave it.
 */
export type QrWorkerAnswer = { text: string } | { reason: 'no_code' | 'unreadable_image' };

/** jpeg-js checks every frame it meets against this (the header check saw only the first). */
const MAX_MEGAPIXELS = 16;

function pixels(bytes: Buffer): { data: Uint8ClampedArray; width: number; height: number } {
  if (bytes[0] === 0xff) {
    const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_MEGAPIXELS, maxMemoryUsageInMB: 512 });
    return { data: new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength), width: image.width, height: image.height };
  }
  if (!pngDataWithinHeader(bytes)) throw new Error('PNG data larger than its header allows');
  const png = PNG.sync.read(bytes);
  return { data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), width: png.width, height: png.height };
}

function decode(bytes: Buffer): QrWorkerAnswer {
  let image: ReturnType<typeof pixels>;
  try {
    image = pixels(bytes);
  } catch {
    return { reason: 'unreadable_image' };
  }
  const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
  return found ? { text: found.data } : { reason: 'no_code' };
}

const { bytes } = workerData as { bytes: Uint8Array };
parentPort!.postMessage(decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)));

import jpeg from 'jpeg-js';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { CustodiaError } from '../domain/errors';

/** Screenshots are small; anything larger than this is refused before it is decoded. */
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
const MAX_PIXELS = 40_000_000;

function decodePixels(bytes: Buffer): { data: Uint8ClampedArray; width: number; height: number } {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    const png = PNG.sync.read(bytes);
    return { data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), width: png.width, height: png.height };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_PIXELS / 1_000_000, maxMemoryUsageInMB: 512 });
    return { data: new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength), width: image.width, height: image.height };
  }
  throw new CustodiaError('QR_NOT_FOUND', { reason: 'not_an_image' });
}

/**
 * The text of the QR code in a PNG or JPEG the person chose (a screenshot of the platform's
 * enrollment page). Decoded in main; the pixels never leave this function.
 */
export function readQrText(bytes: Buffer): string {
  if (bytes.length > MAX_IMAGE_BYTES) throw new CustodiaError('QR_NOT_FOUND', { reason: 'too_large' });
  let pixels: ReturnType<typeof decodePixels>;
  try {
    pixels = decodePixels(bytes);
  } catch (error) {
    if (error instanceof CustodiaError) throw error;
    throw new CustodiaError('QR_NOT_FOUND', { reason: 'unreadable_image' });
  }
  if (pixels.width * pixels.height > MAX_PIXELS) throw new CustodiaError('QR_NOT_FOUND', { reason: 'too_large' });
  const found = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'attemptBoth' });
  pixels.data.fill(0);
  if (!found) throw new CustodiaError('QR_NOT_FOUND', { reason: 'no_code' });
  return found.data;
}

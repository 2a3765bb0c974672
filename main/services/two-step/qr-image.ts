import { MAX_QR_IMAGE_BYTES } from '../../../shared/two-step';
import { CustodiaError } from '../../domain/errors';
import { spawnWorker } from '../../workers/spawn';
import { readImageHeader } from './image-header';
import type { QrWorkerAnswer } from './qr-worker';

/** Any real screenshot of an enrollment page fits; a decompression bomb declares far more. */
export const MAX_IMAGE_SIDE = 4000;
const MAX_MEGABYTES = MAX_QR_IMAGE_BYTES / (1024 * 1024);
/**
 * Decoding an accepted image is bounded in time, off the main thread. Measured on this machine at
 * 4000 × 4000 px: pngjs ~0.7–0.9 s and jsQR ~0.8–0.9 s for a screenshot holding a QR code; for
 * noise jsQR searches for ~140 s. Ten seconds leave a slow workstation room for a real screenshot.
 */
export const DECODE_SECONDS = 10;

/** Decodes an image already within bounds to its QR code's text; a seam for tests. */
export type QrDecoder = (bytes: Buffer) => Promise<string>;

/**
 * The text of the QR code in a PNG or JPEG the person chose (a screenshot of the platform's
 * enrollment page). Its declared size is checked before a single pixel is decoded.
 */
export async function readQrText(bytes: Buffer, decode: QrDecoder = decodeInWorker): Promise<string> {
  assertWithinBounds(bytes);
  return decode(bytes);
}

export function assertWithinBounds(bytes: Buffer): void {
  const header = readImageHeader(bytes);
  if (typeof header === 'string') throw new CustodiaError('QR_NOT_FOUND', { reason: header });
  const { width, height } = header;
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || bytes.length > MAX_QR_IMAGE_BYTES) {
    // Rounded up, so that a file refused for its size never reads as within the limit.
    const megabytes = Math.ceil((bytes.length / (1024 * 1024)) * 10) / 10;
    throw new CustodiaError('IMAGE_TOO_LARGE', { width, height, megabytes, maxSide: MAX_IMAGE_SIDE, maxMegabytes: MAX_MEGABYTES });
  }
}

/** Decodes in a worker thread, which is terminated when the time bound runs out. */
export function decodeInWorker(bytes: Buffer, seconds = DECODE_SECONDS): Promise<string> {
  const worker = spawnWorker(new URL('./qr-worker.ts', import.meta.url), 'qr-worker.cjs', { workerData: { bytes } });
  return new Promise<string>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const notFound = (reason: string) => () => reject(new CustodiaError('QR_NOT_FOUND', { reason }));
    const timer = setTimeout(() => settle(notFound('timed_out')), seconds * 1000);
    worker.on('message', (answer: QrWorkerAnswer) => settle('text' in answer ? () => resolve(answer.text) : notFound(answer.reason)));
    worker.on('error', (error: Error & { code?: string }) => settle(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? notFound('too_large') : () => reject(error)));
    worker.on('exit', () => settle(notFound('unreadable_image')));
  });
}

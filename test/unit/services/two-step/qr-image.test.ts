import { randomBytes } from 'node:crypto';
import { PNG } from 'pngjs';
import { describe, expect, it, vi } from 'vitest';
import { MAX_QR_IMAGE_BYTES, totpSource } from '../../../../shared/two-step';
import { pngDataWithinHeader } from '../../../../main/services/two-step/image-header';
import { decodeInWorker, readQrText, type QrDecoder } from '../../../../main/services/two-step/qr-image';
import { QR_URI, ihdr, jpegDeclaring, paddedTo, pngBomb, pngChunk, pngDeclaring, qrPng } from '../../../fixtures/images';

/** The exact size of an Adam7-interlaced image's data: seven passes, each row a filter byte and its pixels. */
function adam7Bytes(width: number, height: number, bits: number): number {
  const passes = [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2],
  ] as const;
  return passes.reduce((sum, [x0, y0, dx, dy]) => {
    const w = Math.ceil((width - x0) / dx);
    const h = Math.ceil((height - y0) / dy);
    return w > 0 && h > 0 ? sum + h * (1 + Math.ceil((w * bits) / 8)) : sum;
  }, 0);
}

const LIMITS = { maxSide: 4000, maxMegabytes: 20 };
/** Stands in for the decoder: any call means an image got past the header check. */
const spyDecoder = () => vi.fn<QrDecoder>(async () => 'decoded');

describe('an image is measured by its header before any pixel is decoded (issue 11)', () => {
  it('a PNG bomb of a few KB declaring 30,000 × 30,000 px is refused with its size, undecoded', async () => {
    const bomb = pngBomb();
    expect(bomb.length).toBeLessThan(8 * 1024);
    const decode = spyDecoder();
    await expect(readQrText(bomb, decode)).rejects.toMatchObject({
      code: 'IMAGE_TOO_LARGE',
      details: { width: 30_000, height: 30_000, megabytes: 0.1, ...LIMITS },
    });
    expect(decode).not.toHaveBeenCalled();
  });

  it('so is a JPEG whose frame header declares 65,000 × 60,000 px', async () => {
    const decode = spyDecoder();
    await expect(readQrText(jpegDeclaring(65_000, 60_000), decode)).rejects.toMatchObject({
      code: 'IMAGE_TOO_LARGE',
      details: { width: 65_000, height: 60_000, ...LIMITS },
    });
    expect(decode).not.toHaveBeenCalled();
  });

  it.each([
    ['png', 4001, 10],
    ['png', 10, 4001],
    ['jpeg', 4001, 4000],
  ])('one side over 4,000 px is enough (%s %i × %i); 4,000 × 4,000 goes on to the decoder', async (format, width, height) => {
    const declaring = format === 'png' ? pngDeclaring : jpegDeclaring;
    const decode = spyDecoder();
    await expect(readQrText(declaring(width, height), decode)).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE', details: { width, height } });
    expect(await readQrText(declaring(4000, 4000), decode)).toBe('decoded');
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it('a file over 20 MB is refused, with its real dimensions; exactly 20 MB is accepted', async () => {
    const screenshot = await qrPng();
    const { width, height } = PNG.sync.read(screenshot);
    const decode = spyDecoder();
    await expect(readQrText(paddedTo(screenshot, MAX_QR_IMAGE_BYTES + 1), decode)).rejects.toMatchObject({
      code: 'IMAGE_TOO_LARGE',
      details: { width, height, megabytes: 20.1, ...LIMITS },
    });
    expect(decode).not.toHaveBeenCalled();
    await readQrText(paddedTo(screenshot, MAX_QR_IMAGE_BYTES), decode);
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it('the IPC schema admits the base64 of a 20 MB image and not one byte more', () => {
    const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;
    expect(totpSource.safeParse({ image: 'A'.repeat(base64Length(MAX_QR_IMAGE_BYTES)) }).success).toBe(true);
    expect(totpSource.safeParse({ image: 'A'.repeat(base64Length(MAX_QR_IMAGE_BYTES) + 4) }).success).toBe(false);
  });

  it.each([
    ['a PNG signature and nothing else', () => pngDeclaring(10, 10).subarray(0, 12)],
    ['a first chunk that is not IHDR', () => Buffer.concat([pngDeclaring(10, 10).subarray(0, 8), pngChunk('IDAT', Buffer.alloc(4)), ihdr(10, 10)])],
    [
      'a second IHDR declaring more (pngjs would believe it)',
      () => {
        const png = pngDeclaring(10, 10);
        return Buffer.concat([png.subarray(0, 33), ihdr(30_000, 30_000), png.subarray(33)]);
      },
    ],
    ['a zero width', () => pngDeclaring(0, 10)],
    ['a JPEG with image data before any frame header', () => Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 1, 2, 3, 4, 5, 6])],
    ['a JPEG cut inside its first segment', () => jpegDeclaring(10, 10).subarray(0, 5)],
  ])('a header that cannot be read is QR_NOT_FOUND, unreadable_image: %s', async (_, image) => {
    const decode = spyDecoder();
    await expect(readQrText(image(), decode)).rejects.toMatchObject({ code: 'QR_NOT_FOUND', details: { reason: 'unreadable_image' } });
    expect(decode).not.toHaveBeenCalled();
  });
});

describe('an accepted image is decoded in a worker thread, within a time bound', () => {
  it('a normal QR screenshot still decodes', async () => {
    const decode = vi.fn<QrDecoder>((bytes) => decodeInWorker(bytes));
    expect(await readQrText(await qrPng(), decode)).toBe(QR_URI);
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it('a slow image leaves the event loop free and is given up at the bound', async () => {
    const noise = new PNG({ width: 1500, height: 1500 });
    noise.data.set(randomBytes(noise.data.length));
    let settled = false;
    const reading = readQrText(PNG.sync.write(noise), (bytes) => decodeInWorker(bytes, 0.3)).finally(() => (settled = true));
    await new Promise(setImmediate);
    expect(settled).toBe(false);
    await expect(reading).rejects.toMatchObject({ code: 'QR_NOT_FOUND', details: { reason: 'timed_out' } });
  });

  it('an interlaced PNG whose data inflates past what its header allows is refused, not inflated; a real one is decoded', async () => {
    const bomb = pngDeclaring(100, 100, { interlaced: true, inflated: 64 << 20 });
    expect(bomb.length).toBeLessThan(128 * 1024);
    expect(pngDataWithinHeader(bomb)).toBe(false);
    await expect(readQrText(bomb)).rejects.toMatchObject({ code: 'QR_NOT_FOUND', details: { reason: 'unreadable_image' } });
    const black = pngDeclaring(100, 100, { interlaced: true, inflated: adam7Bytes(100, 100, 24) });
    expect(pngDataWithinHeader(black)).toBe(true);
    expect(pngDataWithinHeader(pngDeclaring(100, 100, { interlaced: true, inflated: adam7Bytes(100, 100, 24) + 1024 }))).toBe(false);
    await expect(readQrText(black)).rejects.toMatchObject({ code: 'QR_NOT_FOUND', details: { reason: 'no_code' } });
  });
});

import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { createServices, type Services } from '../../../../main/services';
import { goldenVault, keyholderId, KNOWN, tempDir } from '../../../fixtures/vault';

/** A clock the test moves forward (the kit's growing delay after a wrong key is waited out, never slept). */
export function testClock(start = Date.UTC(2026, 0, 5, 15)) {
  let now = start;
  return { clock: () => new Date(now), advance: (ms: number) => (now += ms) };
}

/** Services over a copy of the golden vault, saving documents to `<dir>/kit-<n>.pdf` (a save dialog in the app). */
export async function kitServices(clock: () => Date): Promise<{ services: Services; dir: string; saved: string[] }> {
  const dir = tempDir();
  copyFileSync(await goldenVault(true), join(dir, 'vault.sqlite'));
  const out = tempDir('custodia-kit-out-');
  const saved: string[] = [];
  const services = await createServices({
    dataDir: dir,
    clock,
    savePath: async () => {
      const path = join(out, `kit-${saved.length + 1}.pdf`);
      saved.push(path);
      return path;
    },
  });
  return { services, dir, saved };
}

/** The administrator asks, the head authorizes (POL-5), the administrator prints: the PDF's path. */
export async function issueKit(services: Services, shares: { k: number; n: number; holders: string[] } | null = null): Promise<string> {
  if (!services.sessions.current()) await services.sessions.unlock(keyholderId(services, 'administrator'), KNOWN.adminPass);
  const { requestId } = services.kit.propose(services.sessions.require(), { shares, note: 'Kit para la caja fuerte' });
  await services.cosign.approveWithPassphrase(requestId, keyholderId(services, 'head'), KNOWN.headPass);
  const printed = await services.kit.print(requestId);
  if (!printed.saved) throw new Error('kit not saved');
  return printed.file;
}

export const pdfText = (path: string): string => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });

/** The key (or each share) as printed on its one line, in order of the pages. */
export function printedKeys(text: string): string[] {
  return [...text.matchAll(/En una línea:\s+((?:[0-9A-Z]{4}-){8,10}[0-9A-Z]{4})\b/g)].map((m) => m[1]!);
}

/** Every QR code of the PDF, one per page, decoded from a raster of each page (pdftoppm + jsQR). */
export function pdfQrCodes(path: string): string[] {
  const dir = tempDir('custodia-kit-png-');
  execFileSync('pdftoppm', ['-png', '-r', '150', path, join(dir, 'page')]);
  return readdirSync(dir)
    .sort()
    .flatMap((file) => {
      const png = PNG.sync.read(readFileSync(join(dir, file)));
      const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
      return found ? [found.data] : [];
    });
}

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import yaml from 'js-yaml';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { ICO, ICO_SIZES, MASTER_PNG, PNG_SIZES, ROOT, SOURCE, parseIconSvg, pngPath, rasterize, renderIcons } from '../../scripts/icons';

/**
 * The application icons: one source SVG, the files electron-builder packages, at the sizes they
 * declare, holding what the SVG draws (scripts/icons.ts), and the paths electron-builder.yml names.
 */
const read = (path: string) => readFileSync(join(ROOT, path));
const svg = read(SOURCE).toString('utf8');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, which must come first. */
function pngHeader(bytes: Buffer): { width: number; height: number; colorType: number } {
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colorType: bytes[25]! };
}

interface IcoImage {
  size: number;
  format: 'png' | 'dib';
  rgba: Buffer;
}

/** The ICO directory (6-byte header, 16-byte entries) and each image decoded to top-down RGBA. */
function readIco(bytes: Buffer): IcoImage[] {
  expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]);
  return Array.from({ length: bytes.readUInt16LE(4) }, (_, k) => {
    const entry = 6 + 16 * k;
    const size = bytes[entry] || 256;
    expect(bytes[entry + 1] || 256).toBe(size);
    expect(bytes.readUInt16LE(entry + 6)).toBe(32);
    const image = bytes.subarray(bytes.readUInt32LE(entry + 12), bytes.readUInt32LE(entry + 12) + bytes.readUInt32LE(entry + 8));
    if (image.subarray(0, 8).equals(PNG_SIGNATURE)) {
      expect(pngHeader(image)).toMatchObject({ width: size, height: size });
      return { size, format: 'png', rgba: PNG.sync.read(image).data };
    }
    // BITMAPINFOHEADER: the height counts the AND mask too; 32 bits a pixel, BGRA rows bottom-up.
    expect([image.readUInt32LE(0), image.readInt32LE(4), image.readInt32LE(8), image.readUInt16LE(14)]).toEqual([40, size, 2 * size, 32]);
    const maskRow = Math.ceil(size / 32) * 4;
    expect(image.length).toBe(40 + size * size * 4 + maskRow * size);
    const rgba = Buffer.alloc(size * size * 4);
    let maskWrong = 0;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const src = 40 + ((size - 1 - y) * size + x) * 4;
        const dst = (y * size + x) * 4;
        rgba.set([image[src + 2]!, image[src + 1]!, image[src]!, image[src + 3]!], dst);
        const masked = (image[40 + size * size * 4 + (size - 1 - y) * maskRow + (x >> 3)]! >> (7 - (x & 7))) & 1;
        if (masked !== (image[src + 3] === 0 ? 1 : 0)) maskWrong++;
      }
    }
    expect(maskWrong, `${size} px AND mask: 1 exactly where alpha is 0`).toBe(0);
    return { size, format: 'dib', rgba };
  });
}

const pixelsOf = (path: string) => PNG.sync.read(read(path)).data;
const { rasters } = renderIcons(svg);

describe('resources/: the application icon', () => {
  it('has one source, drawn in the subset scripts/icons.ts reads', () => {
    expect(readdirSync(join(ROOT, 'resources')).filter((name) => name.endsWith('.svg'))).toEqual(['icon.svg']);
    expect(parseIconSvg(svg).shapes.length).toBeGreaterThanOrEqual(3);
  });

  it('has a PNG at every size electron-builder needs, each declaring its own size in IHDR, RGBA', () => {
    expect(PNG_SIZES).toEqual(expect.arrayContaining([16, 32, 48, 64, 128, 256, 512, 1024]));
    expect(readdirSync(join(ROOT, 'resources/icons')).sort()).toEqual(PNG_SIZES.map((size) => `${size}x${size}.png`).sort());
    for (const size of PNG_SIZES) expect(pngHeader(read(pngPath(size))), pngPath(size)).toEqual({ width: size, height: size, colorType: 6 });
    expect(pngHeader(read(MASTER_PNG))).toEqual({ width: 1024, height: 1024, colorType: 6 });
  });

  it('holds in every PNG exactly what icon.svg draws (run scripts/icons.ts after editing the SVG)', () => {
    for (const size of PNG_SIZES) expect(pixelsOf(pngPath(size)).equals(Buffer.from(rasters.get(size)!.data)), pngPath(size)).toBe(true);
    expect(pixelsOf(MASTER_PNG).equals(Buffer.from(rasters.get(1024)!.data))).toBe(true);
  });

  it('has a Windows ICO with 16 to 256 px images (DIBs below 256, a PNG at 256), each the same pixels as its PNG', () => {
    const images = readIco(read(ICO));
    expect(images.map((i) => i.size)).toEqual([...ICO_SIZES]);
    expect(images.map((i) => i.size)).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    expect(images.at(-1)).toMatchObject({ size: 256, format: 'png' });
    for (const image of images) expect(image.rgba.equals(pixelsOf(pngPath(image.size))), `${image.size} px`).toBe(true);
  });

  it('is not blank: opaque shield, transparent corners, and the key in the middle of the field', () => {
    const { data, size } = rasters.get(64)!;
    const at = (x: number, y: number) => [...data.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];
    expect(at(0, 0)[3]).toBe(0);
    expect(at(size - 1, size - 1)[3]).toBe(0);
    expect(at(18, 32)).toEqual([0x24, 0x49, 0x7a, 255]); // the field, left of the key
    expect(at(32, 17)).toEqual([0xc9, 0xa5, 0x4c, 255]); // the key's bow
  });

  it('notices an SVG that no longer matches the files, and refuses SVG outside the subset', () => {
    const recoloured = rasterize(parseIconSvg(svg.replaceAll('#24497A', '#24497B')), 32);
    expect(pixelsOf(pngPath(32)).equals(Buffer.from(recoloured.data))).toBe(false);
    expect(() => parseIconSvg(svg.replace('<title>', '<circle cx="1" cy="1" r="1"/><title>'))).toThrow(/only <path/);
    expect(() => parseIconSvg(svg.replace('M 484 480', 'm 484 480'))).toThrow(/outside the subset/);
    expect(() => parseIconSvg(svg.replace('fill="#1B365D"', 'fill="navy"'))).toThrow(/#rrggbb/);
  });
});

describe('electron-builder.yml', () => {
  const config = yaml.load(read('electron-builder.yml').toString('utf8')) as {
    directories: { buildResources: string };
    win: { icon: string };
    nsis: { installerIcon: string; uninstallerIcon: string };
    linux: { icon: string };
    mac: { icon: string };
  };
  /** As electron-builder resolves a resource: against buildResources first, then the project. */
  const resolved = (path: string) => {
    const candidates = [resolve(ROOT, config.directories.buildResources, path), resolve(ROOT, path)];
    const found = candidates.find((candidate) => existsSync(candidate));
    expect(found, `${path} resolves to no file`).toBeDefined();
    return relative(ROOT, found!);
  };

  it('packages icons from resources/, its build resources folder', () => {
    expect(config.directories.buildResources).toBe('resources');
  });

  it('gives Windows and its installer the ICO, Linux the size set, macOS the 1024 px PNG', () => {
    expect(resolved(config.win.icon)).toBe(ICO);
    expect(resolved(config.nsis.installerIcon)).toBe(ICO);
    expect(resolved(config.nsis.uninstallerIcon)).toBe(ICO);
    const linux = resolved(config.linux.icon);
    expect(linux).toBe('resources/icons');
    expect(statSync(join(ROOT, linux)).isDirectory()).toBe(true);
    expect(resolved(config.mac.icon)).toBe(MASTER_PNG);
  });
});

// Regenerates the application icons from resources/icon.svg: `node --import tsx scripts/icons.ts`.
// No SVG renderer exists offline or in CI, so this reads the small subset of SVG that the icon is
// drawn in and rasterizes it itself (exact horizontal coverage, 16 sub-scanlines a row). Only
// IEEE arithmetic, no Math.sin/cos: the same SVG gives the same pixels on any machine, which is
// what lets test/unit/resources.test.ts compare the committed files with a fresh rendering.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const SOURCE = 'resources/icon.svg';
/** What electron-builder reads: a size set for Linux, a 1024 master (macOS, default), a multi-size ICO. */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
export const pngPath = (size: number) => `resources/icons/${size}x${size}.png`;
export const MASTER_PNG = 'resources/icon.png';
export const ICO = 'resources/icon.ico';

type Point = readonly [number, number];
interface Shape {
  rgb: readonly [number, number, number];
  evenOdd: boolean;
  /** Closed polygons in viewBox units (Béziers already flattened). */
  polygons: Point[][];
}
export interface IconSource {
  viewBox: number;
  shapes: Shape[];
}
export interface Raster {
  size: number;
  /** RGBA, straight alpha, row by row from the top. */
  data: Uint8Array;
}

const BEZIER_STEPS = 64;
const SUBSCANLINES = 16;

/** The icon SVG, read strictly: anything outside the subset is an error, not something silently skipped. */
export function parseIconSvg(svg: string): IconSource {
  const viewBox = /<svg\b[^>]*\bviewBox="0 0 (\d+) (\d+)"/.exec(svg);
  if (!viewBox || viewBox[1] !== viewBox[2]) throw new Error('icon.svg: needs a square viewBox="0 0 N N"');
  const leftover = svg
    .replace(/<\?xml[^>]*\?>/, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<svg\b[^>]*>|<\/svg>/g, '')
    .replace(/<title>[^<]*<\/title>/g, '')
    .replace(/<path\b[^>]*\/>/g, '')
    .trim();
  if (leftover) throw new Error(`icon.svg: only <path .../> elements are drawn; found ${leftover.slice(0, 60)}`);
  const shapes = [...svg.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<path\b([^>]*)\/>/g)].map((m) => parsePath(m[1]!));
  if (shapes.length === 0) throw new Error('icon.svg: no <path> to draw');
  return { viewBox: Number(viewBox[1]), shapes };
}

function parsePath(attributes: string): Shape {
  const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attributes)?.[1];
  const known = [...attributes.matchAll(/([\w-]+)=/g)].map((m) => m[1]!).filter((name) => !['d', 'fill', 'fill-rule'].includes(name));
  if (known.length) throw new Error(`icon.svg: unsupported path attribute ${known[0]}`);
  const fill = attr('fill') ?? '';
  if (!/^#[0-9a-fA-F]{6}$/.test(fill)) throw new Error(`icon.svg: fill must be #rrggbb, got "${fill}"`);
  const rule = attr('fill-rule') ?? 'nonzero';
  if (rule !== 'nonzero' && rule !== 'evenodd') throw new Error(`icon.svg: unknown fill-rule ${rule}`);
  const hex = (at: number) => parseInt(fill.slice(at, at + 2), 16);
  return { rgb: [hex(1), hex(3), hex(5)], evenOdd: rule === 'evenodd', polygons: flatten(attr('d') ?? '') };
}

const COMMANDS = new Set(['M', 'L', 'H', 'V', 'C', 'Z']);

function flatten(d: string): Point[][] {
  const tokens = d.match(/[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g) ?? [];
  const polygons: Point[][] = [];
  let current: Point[] = [];
  let at: Point = [0, 0];
  let start: Point = at;
  let command = '';
  let i = 0;
  const number = () => {
    const token = tokens[i++];
    if (token === undefined || !/^[-.\d]/.test(token)) throw new Error(`icon.svg: path data ends or breaks near "${token ?? ''}"`);
    return Number(token);
  };
  const close = () => {
    if (current.length > 2) polygons.push(current);
    current = [];
  };
  while (i < tokens.length) {
    if (/^[A-Za-z]$/.test(tokens[i]!)) command = tokens[i++]!;
    if (!COMMANDS.has(command)) throw new Error(`icon.svg: path command "${command}" is outside the subset (absolute M L H V C Z)`);
    if (command === 'M') {
      close();
      at = start = [number(), number()];
      current.push(at);
      command = 'L'; // further pairs after a moveto are linetos
      continue;
    }
    if (current.length === 0) current.push(at);
    if (command === 'L') at = [number(), number()];
    else if (command === 'H') at = [number(), at[1]];
    else if (command === 'V') at = [at[0], number()];
    else if (command === 'C') {
      const p0 = at;
      const p1: Point = [number(), number()];
      const p2: Point = [number(), number()];
      const p3: Point = [number(), number()];
      for (let step = 1; step < BEZIER_STEPS; step++) current.push(cubic(p0, p1, p2, p3, step / BEZIER_STEPS));
      at = p3;
    } else {
      close();
      at = start;
      command = ''; // a number right after Z is an error, not a repeated Z
      continue;
    }
    current.push(at);
  }
  close();
  return polygons;
}

function cubic(p0: Point, p1: Point, p2: Point, p3: Point, t: number): Point {
  const u = 1 - t;
  const a = u * u * u,
    b = 3 * u * u * t,
    c = 3 * u * t * t,
    e = t * t * t;
  return [a * p0[0] + b * p1[0] + c * p2[0] + e * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + e * p3[1]];
}

/** Coverage (0..1) of one shape on a size × size grid. */
function coverage(shape: Shape, scale: number, size: number): Float64Array {
  const edges: { x0: number; y0: number; x1: number; y1: number; dir: number }[] = [];
  for (const polygon of shape.polygons) {
    for (let k = 0; k < polygon.length; k++) {
      const [ax, ay] = polygon[k]!;
      const [bx, by] = polygon[(k + 1) % polygon.length]!;
      if (ay === by) continue;
      edges.push(
        ay < by
          ? { x0: ax * scale, y0: ay * scale, x1: bx * scale, y1: by * scale, dir: 1 }
          : { x0: bx * scale, y0: by * scale, x1: ax * scale, y1: ay * scale, dir: -1 },
      );
    }
  }
  const out = new Float64Array(size * size);
  const partial = new Float64Array(size + 1);
  const delta = new Float64Array(size + 1);
  const weight = 1 / SUBSCANLINES;
  const span = (from: number, to: number) => {
    const a = Math.max(0, from),
      b = Math.min(size, to);
    if (b <= a) return;
    const ia = Math.floor(a),
      ib = Math.floor(b);
    if (ia === ib) {
      partial[ia]! += (b - a) * weight;
      return;
    }
    partial[ia]! += (ia + 1 - a) * weight;
    delta[ia + 1]! += weight;
    delta[ib]! -= weight;
    if (ib < size) partial[ib]! += (b - ib) * weight;
  };
  for (let row = 0; row < size; row++) {
    partial.fill(0);
    delta.fill(0);
    for (let sub = 0; sub < SUBSCANLINES; sub++) {
      const y = row + (sub + 0.5) / SUBSCANLINES;
      const crossings: { x: number; dir: number }[] = [];
      for (const e of edges) if (e.y0 <= y && y < e.y1) crossings.push({ x: e.x0 + ((y - e.y0) * (e.x1 - e.x0)) / (e.y1 - e.y0), dir: e.dir });
      crossings.sort((p, q) => p.x - q.x);
      let winding = 0;
      for (let k = 0; k < crossings.length - 1; k++) {
        winding = shape.evenOdd ? winding ^ 1 : winding + crossings[k]!.dir;
        if (winding !== 0) span(crossings[k]!.x, crossings[k + 1]!.x);
      }
    }
    let run = 0;
    for (let col = 0; col < size; col++) {
      run += delta[col]!;
      out[row * size + col] = Math.min(1, partial[col]! + run);
    }
  }
  return out;
}

/** Paints the shapes in order (source over) on a transparent square of `size` pixels. */
export function rasterize(icon: IconSource, size: number): Raster {
  const premultiplied = new Float64Array(size * size * 4);
  for (const shape of icon.shapes) {
    const cover = coverage(shape, size / icon.viewBox, size);
    const [r, g, b] = shape.rgb.map((c) => c / 255) as [number, number, number];
    for (let p = 0; p < cover.length; p++) {
      const c = cover[p]!;
      if (c === 0) continue;
      const o = p * 4;
      premultiplied[o] = r * c + premultiplied[o]! * (1 - c);
      premultiplied[o + 1] = g * c + premultiplied[o + 1]! * (1 - c);
      premultiplied[o + 2] = b * c + premultiplied[o + 2]! * (1 - c);
      premultiplied[o + 3] = c + premultiplied[o + 3]! * (1 - c);
    }
  }
  const data = new Uint8Array(size * size * 4);
  for (let o = 0; o < data.length; o += 4) {
    const alpha = premultiplied[o + 3]!;
    if (alpha === 0) continue;
    for (let ch = 0; ch < 3; ch++) data[o + ch] = Math.round(Math.min(1, premultiplied[o + ch]! / alpha) * 255);
    data[o + 3] = Math.round(alpha * 255);
  }
  return { size, data };
}

export function encodePng(raster: Raster): Buffer {
  const png = new PNG({ width: raster.size, height: raster.size });
  png.data = Buffer.from(raster.data);
  return PNG.sync.write(png, { colorType: 6 });
}

/** A 32-bit DIB as an ICO entry holds it: BITMAPINFOHEADER (height doubled), BGRA rows bottom-up, then the AND mask. */
function dib(raster: Raster): Buffer {
  const n = raster.size;
  const maskRow = Math.ceil(n / 32) * 4;
  const out = Buffer.alloc(40 + n * n * 4 + maskRow * n);
  out.writeUInt32LE(40, 0);
  out.writeInt32LE(n, 4);
  out.writeInt32LE(2 * n, 8);
  out.writeUInt16LE(1, 12);
  out.writeUInt16LE(32, 14);
  out.writeUInt32LE(n * n * 4 + maskRow * n, 20);
  for (let y = 0; y < n; y++) {
    const row = 40 + (n - 1 - y) * n * 4;
    const mask = 40 + n * n * 4 + (n - 1 - y) * maskRow;
    for (let x = 0; x < n; x++) {
      const src = (y * n + x) * 4;
      out[row + x * 4] = raster.data[src + 2]!;
      out[row + x * 4 + 1] = raster.data[src + 1]!;
      out[row + x * 4 + 2] = raster.data[src]!;
      out[row + x * 4 + 3] = raster.data[src + 3]!;
      if (raster.data[src + 3] === 0) out[mask + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return out;
}

/**
 * The ICO container: a 6-byte header, one 16-byte entry per image, then the images. Below 256 px
 * the images are DIBs (every Windows tool reads them); the 256 px image is a PNG, as Windows'
 * own icons do, which keeps the file small.
 */
export function encodeIco(rasters: readonly Raster[]): Buffer {
  const images = rasters.map((r) => (r.size >= 256 ? encodePng(r) : dib(r)));
  const header = Buffer.alloc(6 + 16 * rasters.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(rasters.length, 4);
  let offset = header.length;
  rasters.forEach((r, k) => {
    const entry = 6 + 16 * k;
    header[entry] = r.size >= 256 ? 0 : r.size; // 0 means 256
    header[entry + 1] = r.size >= 256 ? 0 : r.size;
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(images[k]!.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += images[k]!.length;
  });
  return Buffer.concat([header, ...images]);
}

/** Every generated file (relative path → bytes) and the rasters they were made from. */
export function renderIcons(svg: string): { rasters: Map<number, Raster>; files: Map<string, Buffer> } {
  const icon = parseIconSvg(svg);
  const rasters = new Map(PNG_SIZES.map((size) => [size, rasterize(icon, size)] as const));
  const files = new Map<string, Buffer>();
  for (const [size, raster] of rasters) files.set(pngPath(size), encodePng(raster));
  files.set(MASTER_PNG, files.get(pngPath(1024))!);
  files.set(ICO, encodeIco(ICO_SIZES.map((size) => rasters.get(size)!)));
  return { rasters, files };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { files } = renderIcons(readFileSync(join(ROOT, SOURCE), 'utf8'));
  for (const [path, bytes] of files) {
    mkdirSync(dirname(join(ROOT, path)), { recursive: true });
    writeFileSync(join(ROOT, path), bytes);
    console.log(`${path}  ${bytes.length} bytes`);
  }
}

import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

/**
 * How the renderer's files are served, shared by the app's custom protocol and the end-to-end
 * test server so that both apply the same CSP and the same path checks. No electron import here.
 */
export const RENDERER_SCHEME = 'custodia';
export const RENDERER_HOST = 'app';
export const RENDERER_ORIGIN = `${RENDERER_SCHEME}://${RENDERER_HOST}`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Maps a URL path to a file inside `root`, or null for anything outside it or of an unknown type. */
export function resolveRendererFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = resolve(root);
  const file = resolve(base, relative);
  if (!file.startsWith(base + sep)) return null;
  if (!(extname(file) in CONTENT_TYPES)) return null;
  return file;
}

export interface ServedFile {
  status: number;
  headers: Record<string, string>;
  body: Buffer | null;
}

export async function serveRendererFile(root: string, urlPath: string): Promise<ServedFile> {
  const file = resolveRendererFile(root, urlPath);
  if (!file) return { status: 404, headers: SECURITY_HEADERS, body: null };
  try {
    const body = await readFile(file);
    return { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': CONTENT_TYPES[extname(file)]! }, body };
  } catch {
    return { status: 404, headers: SECURITY_HEADERS, body: null };
  }
}

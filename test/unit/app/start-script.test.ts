import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { plan } from '../../../scripts/start.mjs';

const expectedStamp = '45.4.1 x64';

describe('npm start', () => {
  it('fetches Electron and builds better-sqlite3 for its ABI on a fresh clone, before the one-minute build, then launches', () => {
    expect(plan({ electronPresent: false, nativeStamp: null, expectedStamp })).toEqual(['fetch-electron', 'build-sqlite-for-electron', 'build', 'launch']);
  });

  it('skips what is already in place', () => {
    expect(plan({ electronPresent: true, nativeStamp: expectedStamp, expectedStamp })).toEqual(['build', 'launch']);
  });

  it('rebuilds the Electron-ABI sqlite after an Electron upgrade', () => {
    expect(plan({ electronPresent: true, nativeStamp: '44.0.0 x64', expectedStamp })).toEqual(['build-sqlite-for-electron', 'build', 'launch']);
  });
});

describe('npm start where the Electron binary is missing and cannot be downloaded', () => {
  const script = fileURLToPath(new URL('../../../scripts/start.mjs', import.meta.url));
  // An empty folder stands for Electron's dist/ (so the binary is missing even where one was
  // fetched before), no download cache, and a mirror on a closed loopback port: the fetch fails at
  // once, on any machine, without waiting on a network timeout.
  const emptyDist = mkdtempSync(join(tmpdir(), 'custodia-no-electron-'));
  const emptyCache = mkdtempSync(join(tmpdir(), 'custodia-no-electron-cache-'));
  afterAll(() => {
    for (const dir of [emptyDist, emptyCache]) rmSync(dir, { recursive: true, force: true });
  });

  const runStart = () => {
    const env: NodeJS.ProcessEnv = {};
    // npm's own settings (npm_config_electron_mirror and the like) would take precedence over ours.
    for (const [key, value] of Object.entries(process.env)) if (!/^(npm_|electron_|ELECTRON_)/i.test(key)) env[key] = value;
    Object.assign(env, {
      ELECTRON_OVERRIDE_DIST_PATH: emptyDist,
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
      electron_config_cache: emptyCache,
      force_no_cache: 'true',
    });
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  };

  it('prints one paragraph saying what is missing, how to get it, and what works without it, and exits non-zero without a stack trace', async () => {
    const { code, stdout, stderr } = await runStart();
    expect(code).not.toBe(0);
    const output = `${stdout}\n${stderr}`;
    expect(output).not.toMatch(/^\s+at /m);
    const paragraph = stderr.trim();
    expect(paragraph).not.toMatch(/\n\s*\n/); // one paragraph
    const text = paragraph.replace(/\s+/g, ' ');
    expect(text).toMatch(/^Custodia cannot start: the Electron binary \(Electron \d+\.\d+\.\d+ for [a-z0-9]+-[a-z0-9]+\)/);
    expect(text).toContain('could not be downloaded (TypeError: fetch failed)');
    expect(text).toContain('on a machine with internet access');
    expect(text).toContain('ELECTRON_MIRROR');
    expect(text).toContain('copy node_modules/electron/dist/ and node_modules/electron/path.txt in');
    expect(text).toContain('`npm test` still runs every test');
    expect(text).toContain('`npm run demo` shows the app in Chromium');
    // It fails before the build, not after a minute of it.
    expect(output).not.toContain('npm run build');
    expect(output).not.toMatch(/vite|esbuild/i);
  });
});

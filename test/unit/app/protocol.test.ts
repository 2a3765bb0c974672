import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../fixtures/vault';

vi.mock('electron', () => ({}));
const { handleRendererProtocol, registerRendererScheme } = await import('../../../main/app/protocol');
const { CONTENT_SECURITY_POLICY, resolveRendererFile } = await import('../../../main/app/renderer-files');

const root = tempDir('custodia-renderer-');
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Custodia</title>');
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');

function served() {
  let handler: ((request: Request) => Promise<Response>) | undefined;
  handleRendererProtocol({ handle: (_scheme: string, h: never) => (handler = h) } as never, root);
  return (url: string, method = 'GET') => handler!(new Request(url, { method }));
}

describe('custodia:// protocol', () => {
  it('is registered as a standard, secure scheme without fetch or CORS', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerRendererScheme({ registerSchemesAsPrivileged });
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'custodia', privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false } },
    ]);
  });

  it('serves the renderer with the strict CSP as a header', async () => {
    const response = await served()('custodia://app/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect((await served()('custodia://app/assets/app.js')).headers.get('content-type')).toMatch(/javascript/);
  });

  it.each([
    'custodia://app/%2e%2e/%2e%2e/etc/passwd',
    'custodia://app/..%2fsecret.js',
    'custodia://other/index.html',
    'custodia://app/missing.js',
    'custodia://app/vault.sqlite',
  ])('answers 404 to %s', async (url) => {
    expect((await served()(url)).status).toBe(404);
  });

  it('answers 404 to anything but GET', async () => {
    expect((await served()('custodia://app/index.html', 'POST')).status).toBe(404);
  });

  it('never resolves a path outside the renderer folder', () => {
    expect(resolveRendererFile(root, '/../../etc/passwd.js')).toBeNull();
    expect(resolveRendererFile(root, '/%00.js')).toBeNull();
    expect(resolveRendererFile(root, '/')).toBe(join(root, 'index.html'));
  });
});

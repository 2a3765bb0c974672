import type { Protocol } from 'electron';
import { RENDERER_HOST, RENDERER_SCHEME, serveRendererFile } from './renderer-files';

/** Privileged so that ES modules load; must run before the app is ready. */
export function registerRendererScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false } },
  ]);
}

/** Serves the built renderer with its CSP as a header; anything else under the scheme is a 404. */
export function handleRendererProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(RENDERER_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== RENDERER_HOST || request.method !== 'GET') return new Response(null, { status: 404 });
    const served = await serveRendererFile(rendererDir, url.pathname);
    return new Response(served.body ? new Uint8Array(served.body) : null, { status: served.status, headers: served.headers });
  });
}

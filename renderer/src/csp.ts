import { z } from 'zod';

/**
 * Imported first (main.tsx), before any schema is built: under the CSP's script-src 'self' no
 * code is compiled from strings, and zod would otherwise probe with `Function('')` when its first
 * object schema is made, which Chromium reports as a violation even though zod catches the throw.
 */
z.config({ jitless: true });

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHandlerTable, dispatch } from '../../../../main/ipc/handlers';
import { createServices, type Services } from '../../../../main/services';
import { chromiumLocale, storedLanguage } from '../../../../main/services/settings/language';
import { tempDir } from '../../../fixtures/vault';

/** The interface language, kept beside the vault for the shell's next start (Chromium's --lang). */
const open: Services[] = [];
afterAll(async () => {
  for (const services of open) await services.close();
});

describe('settings.language', () => {
  it('keeps the choice for the next start, before any vault exists and without unlocking; refuses anything but es and en', async () => {
    const dir = join(tempDir('custodia-language-'), 'vault-not-made-yet');
    const services = await createServices({ dataDir: dir });
    open.push(services);
    const table = createHandlerTable(services);
    expect(storedLanguage(dir)).toBe('es');
    expect(await dispatch(table, 'settings.language', { language: 'en' })).toEqual({ ok: true, value: null });
    expect(storedLanguage(dir)).toBe('en');
    expect(chromiumLocale(storedLanguage(dir))).toBe('en-GB');
    for (const payload of [{ language: 'fr' }, { language: 'EN' }, { language: 'en', extra: 1 }, {}, { language: '../x' }]) {
      expect(await dispatch(table, 'settings.language', payload)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    expect(readFileSync(join(dir, 'language'), 'utf8')).toBe('en');
    expect(await dispatch(table, 'settings.language', { language: 'es' })).toEqual({ ok: true, value: null });
    expect(chromiumLocale(storedLanguage(dir))).toBe('es-PE');
    expect(await dispatch(table, 'vault.status', {})).toMatchObject({ ok: true, value: { state: 'empty' } });
  });

  it('reads Spanish from a missing, empty or foreign file', () => {
    const dir = tempDir('custodia-language-');
    expect(storedLanguage(join(dir, 'absent'))).toBe('es');
    for (const text of ['', 'fr', 'en-US', '\u0000en']) {
      writeFileSync(join(dir, 'language'), text);
      expect(storedLanguage(dir), JSON.stringify(text)).toBe('es');
    }
    writeFileSync(join(dir, 'language'), 'en\n');
    expect(storedLanguage(dir)).toBe('en');
  });
});

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../../../shared/channels';

/** The interface language, beside the vault: the shell reads it before Chromium starts (its own widgets follow it). */
const FILE = 'language';

/** The language last chosen in this folder; Spanish when none was chosen or the file says anything else. */
export function storedLanguage(dataDir: string): Language {
  try {
    return readFileSync(join(dataDir, FILE), 'utf8').trim() === 'en' ? 'en' : 'es';
  } catch {
    return 'es';
  }
}

/** Chromium's locale for an interface language (the institution's region for Spanish). */
export const chromiumLocale = (language: Language): string => (language === 'en' ? 'en-GB' : 'es-PE');

/** Keeps the person's choice of language for the next start; never a secret, written whole (rename) or not at all. */
export class LanguageService {
  constructor(private readonly dataDir: string) {}

  choose(language: Language): null {
    // Chosen on the first screen, before the ceremony has made the folder.
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    const path = join(this.dataDir, FILE);
    writeFileSync(`${path}.tmp`, language, { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
    return null;
  }
}

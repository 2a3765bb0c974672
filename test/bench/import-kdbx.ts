import { randomBytes } from 'node:crypto';
import { createHandlerTable, dispatch } from '../../main/ipc/handlers';
import { packagedLexicon } from '../../main/services/rotation/password-policy';
import { kdbxweb } from '../../main/vault/kdbx';
import type { ImportCounts } from '../../shared/import';
import { insertSyntheticAccounts } from '../fixtures/generate';
import { KNOWN, keyholderId, servicesOnCopy } from '../fixtures/vault';

/**
 * import_kdbx and import_csv (issue 18; target < 2 s at 2,000 entries, the KDF excluded): the whole
 * preview as the person gets it, through the handler table as IPC calls it ('import.kdbxPreview',
 * 'import.csvPreview': the contract's parsing, the service, the result), in a vault of `accounts`
 * accounts with one version each, unlocked as the administrator, its lexicon built (as it is half
 * a second after an unlock). import_kdbx: a KDBX 4 of `entries` entries written here with kdbxweb
 * under an Argon2id of 64 KiB × 1 pass (well under a millisecond; its worker thread's start, a few,
 * stays in): decode, decrypt, parse the XML, walk the groups, judge each entry as a spreadsheet row
 * (fields, SEC-2, platform, TOTP), POL-3 against the vault and the file, and POL-1/2 of every
 * password (zxcvbn-ts and the lexicon, ~0.5–1 ms each, in the import's worker threads and this
 * one: main/services/import/strength-pool.ts). import_csv: the same entries as a spreadsheet.
 */
const PASS = 'banco-de-pruebas-kdbx';
const PLATFORM_URLS = ['https://facebook.com/', 'https://x.com/', 'https://www.instagram.com/', 'https://www.tiktok.com/@', 'https://www.youtube.com/@'];
const SEED = 'JBSWY3DPEHPK3PXP';

interface Entry {
  group: number;
  title: string;
  user: string;
  url: string;
  password: string;
  notes: string;
  otp: string;
}

const benchEntries = (entries: number): Entry[] =>
  Array.from({ length: entries }, (_, i) => ({
    group: i % 20,
    title: `Cuenta oficial ${i + 1}`,
    user: `redes${i + 1}@${KNOWN.domain}`,
    url: `${PLATFORM_URLS[i % PLATFORM_URLS.length]}cuenta${i + 1}`,
    password: `${randomBytes(12).toString('base64')}#a9Z`,
    notes: `Entrada ${i + 1} del banco de pruebas`,
    otp: i % 4 === 0 ? `otpauth://totp/Oficina:cuenta${i + 1}?secret=${SEED}&issuer=Oficina` : '',
  }));

async function benchFile(entries: Entry[]): Promise<string> {
  const db = kdbxweb.Kdbx.create(new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString(PASS)), 'Oficina');
  db.setKdf(kdbxweb.Consts.KdfId.Argon2id);
  db.header.kdfParameters!.set('M', kdbxweb.VarDictionary.ValueType.UInt64, kdbxweb.Int64.from(64 * 1024));
  db.header.kdfParameters!.set('I', kdbxweb.VarDictionary.ValueType.UInt64, kdbxweb.Int64.from(1));
  const groups = Array.from({ length: 20 }, (_, i) => db.createGroup(db.getDefaultGroup(), `Dependencia ${i + 1}`));
  for (const e of entries) {
    const entry = db.createEntry(groups[e.group]!);
    entry.fields.set('Title', e.title);
    entry.fields.set('UserName', e.user);
    entry.fields.set('URL', e.url);
    entry.fields.set('Password', kdbxweb.ProtectedValue.fromString(e.password));
    entry.fields.set('Notes', e.notes);
    if (e.otp) entry.fields.set('otp', e.otp);
  }
  return Buffer.from(await db.save()).toString('base64');
}

/** The same entries as the office's spreadsheet (the platform by name, as the CSV screen maps it). */
function benchCsv(entries: Entry[]) {
  const platform = (url: string) => ['Facebook', 'X', 'Instagram', 'TikTok', 'YouTube'][PLATFORM_URLS.findIndex((p) => url.startsWith(p))]!;
  const lines = entries.map((e) => [platform(e.url), e.title, e.url, e.user, e.password, e.otp, e.notes].join(';'));
  return {
    text: ['Plataforma;Nombre;Enlace;Usuario de acceso;Contraseña;TOTP;Notas', ...lines].join('\n'),
    delimiter: 'auto',
    hasHeader: true,
    mapping: ['platform', 'displayName', 'profileUrl', 'loginIdentifier', 'password', 'totp', 'notes'].map((field, column) => ({ column, field })),
  };
}

export interface ImportFigures {
  n: number;
  kdbx: number[];
  csv: number[];
}

export async function importFigures(options: { entries: number; accounts: number; runs: number }, log: (text: string) => void): Promise<ImportFigures> {
  const services = await servicesOnCopy();
  try {
    await services.sessions.unlock(keyholderId(services, 'administrator'), KNOWN.adminPass);
    const head = await services.sessions.authenticate(keyholderId(services, 'head'), KNOWN.headPass);
    insertSyntheticAccounts(services, head, options.accounts, 1);
    services.sessions.release(head);
    await packagedLexicon.prepare();
    const table = createHandlerTable(services);
    const entries = benchEntries(options.entries);
    const kdbxPayload = { file: await benchFile(entries), passphrase: PASS };
    const csvPayload = benchCsv(entries);
    log(
      `import: ${options.entries.toLocaleString('en')} entries (KDBX ${(kdbxPayload.file.length / 1024).toFixed(0)} KiB in base64, CSV ${(csvPayload.text.length / 1024).toFixed(0)} KiB), vault of ${options.accounts.toLocaleString('en')} accounts`,
    );
    const time = async (channel: 'import.kdbxPreview' | 'import.csvPreview', payload: object): Promise<number> => {
      const start = performance.now();
      const result = await dispatch(table, channel, payload);
      const took = performance.now() - start;
      if (!result.ok) throw new Error(`${channel} refused: ${result.error.code}`);
      const counts = (result.value as { counts: ImportCounts }).counts;
      if (counts.rows !== options.entries || counts.refused > 0) throw new Error(`${channel}: ${JSON.stringify(counts)}`);
      log(`${channel}: ${took.toFixed(0)} ms (${counts.ok} ok, ${counts.rotateNow} «rotar ya»: POL-2 found a word in random base64)`);
      return took;
    };
    const figures: ImportFigures = { n: options.entries, kdbx: [], csv: [] };
    for (let run = 0; run < options.runs; run++) {
      figures.kdbx.push(await time('import.kdbxPreview', kdbxPayload));
      figures.csv.push(await time('import.csvPreview', csvPayload));
    }
    return figures;
  } finally {
    await services.close();
  }
}

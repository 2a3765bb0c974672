import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KNOWN } from '../../../fixtures/vault';
import { SEED_URI, strongSecret } from './import.context';

/**
 * KeePass files for the import tests (issue 18, scope 4), written by KeePassXC's own command line
 * (`keepassxc-cli` 2.7.4, Debian's keepassxc, installed by .ci/run): groups and entries from a
 * KeePass XML (`import`), one more entry through `add`, and KeePassXC's `otp` attribute holding a
 * TOTP seed (2.7.4's `add` has no TOTP option; its `import` keeps the attribute as KeePassXC does).
 * KeePassXC writes KDBX 3.1 unless a KDBX 4 feature is used: an entry's custom data makes it 4.0.
 */
export const KDBX_PASS = 'ñandú-cobalto-43-ventisca';

const cli = (args: string[], input: string) => execFileSync('keepassxc-cli', args, { input, stdio: ['pipe', 'pipe', 'pipe'] });

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
let uuidCounter = 0;
const uuid = () => Buffer.from(`kdbx-test-${String(++uuidCounter).padStart(6, '0')}`).toString('base64');

export interface XmlEntry {
  title: string;
  user?: string;
  url?: string;
  password?: string;
  otp?: string;
  notes?: string;
}

function entryXml(e: XmlEntry, kdbx4: boolean): string {
  const field = (key: string, value: string | undefined) => (value === undefined ? '' : `<String><Key>${key}</Key><Value>${xmlText(value)}</Value></String>`);
  const custom = kdbx4 ? '<CustomData><Item><Key>KPXC_custodia_test</Key><Value>1</Value></Item></CustomData>' : '';
  return `<Entry><UUID>${uuid()}</UUID>${custom}${field('Title', e.title)}${field('UserName', e.user)}${field('Password', e.password)}${field('URL', e.url)}${field('Notes', e.notes)}${field('otp', e.otp)}</Entry>`;
}

/** A KeePass XML of groups (name → entries) under the root, imported by keepassxc-cli into a new KDBX 4 file. */
export function keepassxcFile(dir: string, groups: Record<string, XmlEntry[]>, name = 'oficina.kdbx'): string {
  const body = Object.entries(groups)
    .map(
      ([group, entries], i) =>
        `<Group><UUID>${uuid()}</UUID><Name>${xmlText(group)}</Name>${entries.map((e, j) => entryXml(e, i === 0 && j === 0)).join('')}</Group>`,
    )
    .join('');
  const xml = `<?xml version="1.0" encoding="utf-8" standalone="yes"?><KeePassFile><Meta><Generator>custodia-test</Generator></Meta><Root><Group><UUID>${uuid()}</UUID><Name>Raíz</Name>${body}</Group></Root></KeePassFile>`;
  const xmlPath = join(dir, `${name}.xml`);
  writeFileSync(xmlPath, xml);
  const path = join(dir, name);
  // -t: KeePassXC's KDF benchmarked to ~100 ms; the passphrase twice on stdin.
  cli(['import', '-q', '-p', '-t', '100', xmlPath, path], `${KDBX_PASS}\n${KDBX_PASS}\n`);
  rmSync(xmlPath);
  return path;
}

/** One more entry through `keepassxc-cli add` (its password typed on stdin after the database's). */
export function addEntry(path: string, entry: string, e: { user: string; url: string; password: string }): void {
  cli(['add', '-q', '-u', e.user, '--url', e.url, '-p', path, entry], `${KDBX_PASS}\n${e.password}\n`);
}

/** A new empty database as `keepassxc-cli db-create` writes it: KDBX 3.1 (AES-KDF). */
export function keepassxcLegacyFile(dir: string): string {
  const path = join(dir, 'antiguo.kdbx');
  cli(['db-create', '-q', '-p', '-t', '100', path], `${KDBX_PASS}\n${KDBX_PASS}\n`);
  return path;
}

export const base64Of = (path: string) => readFileSync(path).toString('base64');

export const tempDir = () => mkdtempSync(join(tmpdir(), 'custodia-kdbx-'));

const domain = KNOWN.domain;

/** The office's file: what each entry must become is stated beside it. */
export function officeFile(dir: string) {
  const secrets = { tiktok: strongSecret(), facebook: strongSecret(), x: strongSecret(), gmail: strongSecret(), unknown: strongSecret() };
  const path = keepassxcFile(dir, {
    Redes: [
      { title: 'Prensa TikTok', user: `prensa@${domain}`, url: 'https://www.tiktok.com/@prensa', password: secrets.tiktok, otp: SEED_URI },
      { title: 'Página oficial', user: `redes@${domain}`, url: 'https://facebook.com/zafiroquinta', password: secrets.facebook, notes: 'Página principal' },
      { title: 'Instagram antiguo', user: 'prensa.oficina@gmail.com', url: 'https://instagram.com/zafiro', password: secrets.gmail },
    ],
    Varios: [{ title: 'Portal de trámites', user: `portal@${domain}`, url: 'https://tramites.example.org', password: secrets.unknown }],
  });
  addEntry(path, 'Redes/Cuenta en X', { user: `difusion@${domain}`, url: 'https://x.com/zafiroquinta', password: secrets.x });
  // The rows, in the file's order: a group's entries, then its subgroups; `add` appends to its group.
  const rows = { tiktok: 1, facebook: 2, gmail: 3, x: 4, unknown: 5 } as const;
  return { path, secrets, rows };
}

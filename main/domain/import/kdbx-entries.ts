import type { PlatformId } from '../../../shared/platforms';
import { platformOf, foldHeader, type ResolvedMapping } from './mapping';
import { checkRow, problem, type RowDraft } from './rows';

/**
 * A KeePass entry as the import reads it (issue 18, scope 4): its group path under the root and
 * its standard fields, with KeePassXC's `otp` attribute (an otpauth:// URI or a base32 seed).
 * It becomes the very row a spreadsheet gives, judged by the same checks (./rows.ts).
 */
export interface KdbxEntryPlain {
  /** The running number of the entry in the file's order (1 = the first), the row of its report. */
  row: number;
  groupPath: string[];
  title: string;
  userName: string;
  password: string;
  url: string;
  notes: string;
  otp: string;
}

export interface PlatformChoice {
  /** Group path («Redes/Prensa») → platform; the nearest group of an entry wins. */
  groups: ReadonlyMap<string, PlatformId>;
  fallback: PlatformId | null;
}

/** Web hosts of each platform (and their subdomains). */
const HOSTS: readonly [PlatformId, readonly string[]][] = [
  ['facebook', ['facebook.com', 'fb.com', 'business.facebook.com']],
  ['instagram', ['instagram.com']],
  ['x', ['x.com', 'twitter.com']],
  ['tiktok', ['tiktok.com']],
  ['youtube', ['youtube.com', 'youtu.be']],
  ['linkedin', ['linkedin.com']],
  ['flickr', ['flickr.com']],
  ['threads', ['threads.net', 'threads.com']],
  ['whatsapp_business', ['whatsapp.com', 'business.whatsapp.com']],
  ['mailchimp', ['mailchimp.com']],
  ['zoom', ['zoom.us', 'zoom.com']],
  ['google', ['google.com', 'drive.google.com']],
];

export function hostOf(url: string): string | null {
  const trimmed = url.trim();
  if (!trimmed) return null;
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`).hostname.toLowerCase() || null;
  } catch {
    return null;
  }
}

const within = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

/** The platform of a host: a platform's own, or an institutional mail host (a subdomain of an e-mail domain, e.g. correo.congreso.gob.pe). */
export function platformOfHost(host: string, institutionDomains: readonly string[]): PlatformId | null {
  for (const [platform, hosts] of HOSTS) if (hosts.some((h) => within(host, h))) return platform;
  if (institutionDomains.some((d) => within(host, d)) && /^(mail|correo|webmail|owa|outlook)\./.test(host)) return 'institutional_email';
  return null;
}

/** A title's or a group's words that name a platform («Prensa TikTok», «Redes/Twitter»). */
function platformOfWords(words: string): PlatformId | null {
  const whole = platformOf(words);
  if (whole) return whole;
  for (const word of foldHeader(words).split(' ')) {
    if (word.length < 2 && word !== 'x') continue;
    const found = word === 'x' ? null : platformOf(word);
    if (found && found !== 'other') return found;
  }
  return null;
}

/**
 * In this order: the group the screen mapped (nearest first), the URL's host, the title's words,
 * the groups' names, the default the screen chose; null when nothing says («platform_unknown»).
 */
export function guessPlatform(entry: KdbxEntryPlain, choice: PlatformChoice, institutionDomains: readonly string[]): PlatformId | null {
  for (let depth = entry.groupPath.length; depth > 0; depth--) {
    const mapped = choice.groups.get(entry.groupPath.slice(0, depth).join('/'));
    if (mapped) return mapped;
  }
  const host = hostOf(entry.url);
  const byHost = host ? platformOfHost(host, institutionDomains) : null;
  if (byHost) return byHost;
  const byTitle = platformOfWords(entry.title);
  if (byTitle) return byTitle;
  for (const group of [...entry.groupPath].reverse()) {
    const byGroup = platformOfWords(group);
    if (byGroup) return byGroup;
  }
  return choice.fallback;
}

/** The columns an entry fills, as a spreadsheet's mapping names them. */
const COLUMNS: ResolvedMapping = { platform: 0, displayName: 1, profileUrl: 2, loginIdentifier: 3, password: 4, totp: 5, notes: 6 };

/** The entry judged as a spreadsheet row: the same drafts, the same problems, row = the entry's number. */
export function checkEntry(entry: KdbxEntryPlain, choice: PlatformChoice, institutionDomains: readonly string[]): RowDraft {
  const platform = guessPlatform(entry, choice, institutionDomains);
  const cells = [platform ?? '', entry.title, entry.url, entry.userName, entry.password, entry.otp, entry.notes];
  const draft = checkRow({ row: entry.row, cells }, COLUMNS, institutionDomains);
  if (platform === null) {
    // Nothing in the entry named a platform: the screen chooses one per group or a default.
    const hint = hostOf(entry.url) ?? entry.groupPath.join('/');
    draft.problems = draft.problems.map((p) =>
      p.reason === 'platform_missing' ? problem('platform', 'platform_unknown', null, hint ? { value: hint.slice(0, 40) } : {}) : p,
    );
  }
  return draft;
}

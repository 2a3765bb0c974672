import type { AppError } from '../../shared/result';

/** Free mail providers are never institutional (SEC-2, Congreso 6.2.2; MITIC 6.1.1.I). */
export const FREE_EMAIL_PROVIDERS = [
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'outlook.es',
  'hotmail.com',
  'hotmail.es',
  'live.com',
  'msn.com',
  'yahoo.com',
  'yahoo.es',
  'ymail.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'mail.com',
  'gmx.com',
  'gmx.net',
  'proton.me',
  'protonmail.com',
  'zoho.com',
  'yandex.com',
  'tutanota.com',
] as const;

const free = new Set<string>(FREE_EMAIL_PROVIDERS);

export function isFreeProviderDomain(domain: string): boolean {
  const d = domain.toLowerCase();
  for (const provider of free) if (d === provider || d.endsWith(`.${provider}`)) return true;
  // Regional variants: yahoo.com.pe, hotmail.com.py, outlook.com.ar …
  return /^(gmail|hotmail|outlook|yahoo|live)\.(com?\.)?[a-z]{2}$/.test(d);
}

/** The institution's own mail domains: none may be a free provider, none repeated. */
export function checkInstitutionDomains(domains: string[]): AppError | null {
  const seen = new Set<string>();
  for (const domain of domains) {
    if (isFreeProviderDomain(domain)) {
      return { code: 'EMAIL_DOMAIN_INVALID', rule: 'SEC-2', details: { domain, reason: 'free_provider' } };
    }
    if (seen.has(domain)) return { code: 'EMAIL_DOMAIN_INVALID', details: { domain, reason: 'duplicate' } };
    seen.add(domain);
  }
  return null;
}

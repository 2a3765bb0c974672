import { describe, expect, it } from 'vitest';
import { checkFoundingRoles } from '../../../main/domain/keyholder-roles';
import { checkInstitutionDomains, isFreeProviderDomain } from '../../../main/domain/email-domains';
import { checkPassphrase } from '../../../main/domain/passphrase';

describe('founding keyholders (POL-5)', () => {
  it.each([
    [['administrator', 'head'], null],
    [['administrator', 'head', 'backup_administrator'], null],
    [['head', 'administrator'], null],
    [['administrator', 'administrator'], 'KEYHOLDER_ROLES'],
    [['administrator', 'backup_administrator'], 'KEYHOLDER_ROLES'],
    [['head', 'head', 'administrator'], 'KEYHOLDER_ROLES'],
    [['administrator', 'head', 'backup_administrator', 'backup_administrator'], 'KEYHOLDER_ROLES'],
  ] as const)('%j → %s', (roles, code) => {
    const result = checkFoundingRoles([...roles]);
    expect(result?.code ?? null).toBe(code);
    if (result) expect(result.rule).toBe('POL-5');
  });
});

describe('institutional e-mail domains (SEC-2)', () => {
  it.each([
    ['congreso.gob.pe', false],
    ['inpe.gob.pe', false],
    ['mitic.gov.py', false],
    ['gmail.com', true],
    ['hotmail.com', true],
    ['yahoo.com.pe', true],
    ['outlook.es', true],
    ['hotmail.com.py', true],
    ['mail.gmail.com', true],
  ])('%s free provider: %s', (domain, free) => {
    expect(isFreeProviderDomain(domain)).toBe(free);
  });

  it('refuses a free provider as the institution’s domain, citing SEC-2', () => {
    expect(checkInstitutionDomains(['congreso.gob.pe', 'gmail.com'])).toEqual({
      code: 'EMAIL_DOMAIN_INVALID',
      rule: 'SEC-2',
      details: { domain: 'gmail.com', reason: 'free_provider' },
    });
  });

  it('refuses a repeated domain and accepts several distinct ones', () => {
    expect(checkInstitutionDomains(['a.gob.pe', 'a.gob.pe'])?.details).toEqual({ domain: 'a.gob.pe', reason: 'duplicate' });
    expect(checkInstitutionDomains(['congreso.gob.pe', 'comunicaciones.congreso.gob.pe'])).toBeNull();
  });
});

describe('keyholder passphrases', () => {
  it.each([
    ['corto', 'length'],
    ['contraseña1', 'length'],
    ['contraseña12', 'score'],
    ['123456789012', 'score'],
    ['aaaaaaaaaaaaaaaa', 'score'],
    ['congreso2026!', 'score'],
    ['Rosalinda Quispecahua', 'score'],
  ])('refuses %j (%s)', (passphrase, reason) => {
    expect(checkPassphrase(passphrase, ['Rosalinda Quispecahua', 'Congreso', 'CR'])).toMatchObject({ code: 'PASSPHRASE_WEAK', details: { reason } });
  });

  it.each(['tordo-violeta-acantilado-9', 'murciélago sereno bajo el puente 42', 'vK7#qL2!xR9@pZ4m'])('accepts %j', (passphrase) => {
    expect(checkPassphrase(passphrase, ['Rosalinda Quispecahua'])).toBeNull();
  });

  it('counts characters, not UTF-16 units, toward the minimum length', () => {
    expect(checkPassphrase('ñandú🦙ñandú', [])).toMatchObject({ details: { reason: 'length', length: 11 } });
  });
});

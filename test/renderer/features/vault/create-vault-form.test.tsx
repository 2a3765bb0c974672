import { describe, expect, it } from 'vitest';
import { createVaultRequest } from '../../../../shared/contract';
import {
  createVaultDefaults,
  createVaultForm,
  splitDomains,
  toCreateRequest,
  type CreateVaultValues,
} from '../../../../renderer/src/features/vault/create-vault-form';

const holder = (name: string, passphrase: string) => ({ name, passphrase, confirm: passphrase });
const filled: CreateVaultValues = {
  ...createVaultDefaults,
  name: ' Congreso de la República ',
  acronym: 'CR',
  domains: 'congreso.gob.pe, Comunicaciones.Congreso.gob.pe',
  administrator: holder('Ana Quispe', 'tordo-violeta-acantilado-9'),
  head: holder('Luis Paredes', 'murciélago sereno bajo el puente 42'),
};

const messages = (values: CreateVaultValues) => {
  const result = createVaultForm.safeParse(values);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('creation ceremony form', () => {
  it('turns valid input into a request the shared contract accepts', () => {
    expect(messages(filled)).toEqual({});
    const request = toCreateRequest(filled);
    expect(createVaultRequest.safeParse(request).success).toBe(true);
    expect(request.institution.name).toBe('Congreso de la República');
    expect(request.institution.emailDomains).toEqual(['congreso.gob.pe', 'comunicaciones.congreso.gob.pe']);
    expect(request.keyholders.map((k) => k.role)).toEqual(['administrator', 'head']);
  });

  it('asks for matching passphrases of at least 12 characters, with i18n keys as messages', () => {
    expect(messages({ ...filled, head: { ...filled.head, confirm: 'otra cosa' } })).toEqual({ 'head.confirm': 'form.mismatch' });
    expect(messages({ ...filled, administrator: holder('Ana', 'corta') })).toEqual({ 'administrator.passphrase': 'form.passphraseShort' });
  });

  it('checks the backup administrator only when included', () => {
    expect(messages({ ...filled, withBackup: false })).toEqual({});
    expect(messages({ ...filled, withBackup: true })).toMatchObject({ 'backup.name': 'form.required', 'backup.passphrase': 'form.passphraseShort' });
    const withBackup = { ...filled, withBackup: true, backup: holder('Eva Soria', 'quena lejana entre cerros 7') };
    expect(toCreateRequest(withBackup).keyholders.map((k) => k.role)).toEqual(['administrator', 'head', 'backup_administrator']);
  });

  it('refuses malformed domains and accepts separators people type', () => {
    expect(messages({ ...filled, domains: 'congreso' })).toEqual({ domains: 'form.domain' });
    expect(messages({ ...filled, domains: '' })).toEqual({ domains: 'form.domain' });
    expect(splitDomains(' a.gob.pe;b.gob.pe\nc.gob.pe ')).toEqual(['a.gob.pe', 'b.gob.pe', 'c.gob.pe']);
  });
});

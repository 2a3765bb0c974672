import type { commonEs } from './common.es';
import { fieldNames } from './refusal-details.en';

export const commonEn: typeof commonEs = {
  roles: { administrator: 'Account administrator', head: 'Office head', backup_administrator: 'Backup administrator' },
  status: { active: 'Active', retired: 'Retired' },
  platforms: { institutional_email: 'Institutional e-mail', other: 'Other' },
  kinds: { principal: 'Principal', support: 'Support', authority: 'Authority', linked_email: 'Linked e-mail' },
  reasons: {
    creation: 'Creation',
    scheduled: 'Scheduled rotation',
    handover: 'Handover',
    incident: 'Incident',
    exposure: 'Exposure',
    decommission: 'Decommission',
  },
  accountStatus: { active: 'Active', archived: 'Archived', pending: 'Pending', rejected: 'Creation rejected' },
  classes: { digit: 'digits', lower: 'lower case', upper: 'upper case', symbol: 'symbols' },
  rule: 'Rule {{rule}}',
  form: {
    required: 'Required.',
    tooShort: 'Too short.',
    tooLong: 'Too long.',
    passphraseShort: 'The passphrase needs at least 12 characters.',
    mismatch: 'The two passphrases differ.',
    domain: 'Enter valid domains, for example congreso.gob.pe.',
    number: 'Enter a number from 1 to 60.',
    invalid: 'Invalid value.',
  },
  fields: fieldNames,
  dates: { clear: 'Clear the date: {{label}}' },
  yes: 'Yes',
  no: 'No',
};

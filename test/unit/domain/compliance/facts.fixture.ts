import type { AccountFacts, InstitutionFacts, PersonFacts } from '../../../../main/domain/compliance';

/** An account and a person that meet every rule the compliance view judges; each case changes one thing. */
export const INSTITUTION: InstitutionFacts = { today: '2026-06-15', soon: '2026-06-18', minLengthRaised: null };

export const ACCOUNT_ID = '11111111-1111-4111-8111-111111111111';
export const PERSON_ID = '22222222-2222-4222-8222-222222222222';
export const OTHER_ID = '33333333-3333-4333-8333-333333333333';

export const okAccount = (change: Partial<AccountFacts> = {}): AccountFacts => ({
  accountId: ACCOUNT_ID,
  platform: 'facebook',
  kind: 'principal',
  pending: false,
  current: { authorizedAt: '2026-06-10T14:00:00.000Z', cosigned: true, reused: false },
  deadline: { status: 'ok', dueAt: '2026-06-25T14:00:00.000Z', applyLate: false },
  versionsNotCosigned: 0,
  outsideChanges: 0,
  recipients: { total: 1, notified: 1, refusedChannel: 0 },
  twoStep: {
    method: 'totp_vault',
    linkedEmail: { method: 'security_key' },
    recoveryDevice: { institutionOwned: true, holderRole: 'administrator' },
    recoveryEmailInstitutional: true,
  },
  login: 'not_email',
  linkedLogin: 'institutional',
  verification: 'verified',
  lifecycle: { alta: 'authorized', decommissioning: false },
  support: { start: null, end: null },
  holders: [
    { personId: PERSON_ID, admin: true, function: 'account_administrator', link: 'permanent', hasAgreement: false, contactOk: false },
    { personId: OTHER_ID, admin: false, function: 'community_manager', link: 'contracted', hasAgreement: false, contactOk: false },
  ],
  sharedWith: 0,
  handover: null,
  leavingHolders: [],
  leavingExposed: [],
  retiredExposed: 0,
  incidents: { open: 0, overdue: 0, incidentId: null },
  ...change,
});

export const okPerson = (change: Partial<PersonFacts> = {}): PersonFacts => ({
  personId: PERSON_ID,
  complete: true,
  function: 'account_administrator',
  link: 'permanent',
  hasAgreement: false,
  contactOk: false,
  keyholderRole: 'administrator',
  grants: [{ accountId: ACCOUNT_ID, admin: true, functionRepeated: false }],
  sharedPasswords: [],
  exposedCurrent: true,
  departure: null,
  handover: null,
  ...change,
});

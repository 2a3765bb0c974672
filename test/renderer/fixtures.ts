import { createElement, type ReactNode } from 'react';
import type { AccountSummary } from '../../shared/accounts';
import type { KeyholderRole } from '../../shared/domain';
import { VaultSessionContext } from '../../renderer/src/features/vault/session';
import type { Channel } from '../../shared/channels';
import type { HomeView, ResultOf } from '../../shared/contract';
import type { StaffDetail } from '../../shared/staff';

/** A small unlocked vault as main would describe it, for screens rendered without main. */
export const ADMIN = '11111111-1111-4111-8111-111111111111';
export const HEAD = '22222222-2222-4222-8222-222222222222';
export const ACCOUNT = '44444444-4444-4444-8444-444444444444';

export const home: HomeView = {
  institution: {
    name: 'Congreso de Zafiroquinta',
    acronym: 'CZ',
    emailDomains: ['zafiroquinta.gob.pe'],
    timeZone: 'America/Lima',
    idleLockMinutes: 5,
    rotationIntervalDays: 15,
  },
  keyholders: [
    { id: ADMIN, role: 'administrator', fingerprint: 'AAAA-BBBB', name: 'Rosalinda Quispecahua', status: 'active', createdAt: '2026-11-01T00:00:00Z' },
    { id: HEAD, role: 'head', fingerprint: 'CCCC-DDDD', name: 'Teodomiro Huamanchumo', status: 'active', createdAt: '2026-11-01T00:00:00Z' },
  ],
  session: { keyholderId: ADMIN, role: 'administrator' },
  audit: { events: 5, headHash: 'ab'.repeat(32) },
};

export const summary = (id: string, displayName: string): AccountSummary => ({
  id,
  platform: 'facebook',
  kind: 'principal',
  status: 'active',
  displayName,
  handle: '@oficial',
  currentVersion: null,
  updatedAt: '2026-11-20T15:00:00Z',
});

export const detail: ResultOf<'accounts.get'> = {
  ...summary(ACCOUNT, 'Página Oficial Zafiroquinta'),
  altHandle: null,
  profileUrl: null,
  loginIdentifier: 'prensa@zafiroquinta.gob.pe',
  linkedEmail: null,
  supportStart: null,
  supportEnd: null,
  notes: null,
  createdAt: '2026-11-20T15:00:00Z',
  versions: [],
  pendingRequests: 0,
  deadline: { status: 'missing', dueAt: null, dueAfterUse: false, awaitingApply: null },
  totp: null,
};

/** The staff registry (issue 15): an outsourced community manager, registered, before their agreement is recorded. */
export const PERSON = '77777777-7777-4777-8777-777777777777';
export const CONTACT = '88888888-8888-4888-8888-888888888888';
export const person: StaffDetail = {
  id: PERSON,
  name: 'Maricielo Ccahuana Poma',
  email: 'mccahuana@zafiroquinta.gob.pe',
  function: 'community_manager',
  link: 'outsourced',
  status: 'active',
  keyholderId: null,
  complete: true,
  openItems: 0,
  profile: {
    names: 'Maricielo',
    surnames: 'Ccahuana Poma',
    documentId: '47125836',
    dependency: 'Prensa',
    link: 'outsourced',
    linkDetail: 'Agencia Wayra Digital',
    email: 'mccahuana@zafiroquinta.gob.pe',
    mobile: '+51 987 654 321',
    function: 'community_manager',
    agreement: null,
    internalContactId: null,
    startDate: '2026-03-01',
  },
  internalContact: null,
  leavingAt: null,
  grants: [],
  exposures: [],
  sharedAccountFlags: [],
  devices: [],
  departure: null,
};

/** What main answers on each channel an account page or the register asks; anything else is refused. */
export const answers: Partial<{ [C in Channel]: ResultOf<C> }> = {
  'vault.home': home,
  'accounts.get': detail,
  'accounts.list': [summary(ACCOUNT, 'Página Oficial Zafiroquinta')],
  'accounts.page': { total: 1, offset: 0, items: [summary(ACCOUNT, 'Página Oficial Zafiroquinta')] },
  'distribution.get': { current: null, recipients: [] },
  'people.list': [],
  'recovery.get': { codes: [], available: 0, low: false },
  'twoStep.get': { method: null, recoveryDevice: null, recoveryEmail: null, findings: [] },
  'devices.list': [],
  'cosign.pending': [],
  'cosign.requests': [],
  // Issue 18: no replacement authorized; a backup made today (the home screen's reminder stays quiet).
  'backup.replaceStatus': { authorized: [] },
  'backup.reminder': { reminderDays: 7, last: { at: '2026-11-27T15:00:00.000Z', seq: 40, ageDays: 0 }, unverified: false, due: false },
  'staff.list': {
    people: [
      {
        id: CONTACT,
        name: 'Rosalinda Quispecahua',
        function: 'account_administrator',
        link: 'permanent',
        status: 'active',
        keyholderId: ADMIN,
        complete: true,
        openItems: 0,
      },
      { id: PERSON, name: person.name, function: 'community_manager', link: 'outsourced', status: 'active', keyholderId: null, complete: true, openItems: 0 },
    ],
    unlinkedKeyholders: [],
  },
  'staff.get': person,
  'departures.list': [],
  'accounts.exposure': { people: [], keyholders: [], grants: [] },
  // Issue 17: the account's lifecycle (an account registered with its Formulario A) and no support account past its end.
  'lifecycle.get': {
    accountId: ACCOUNT,
    registeredWithoutForm: false,
    form: {
      description: 'Página oficial de la oficina',
      objective: 'Informar a la ciudadanía',
      postingPlan: 'Tres publicaciones semanales',
      indicators: 'Alcance mensual',
      authorizedUsers: [],
    },
    verification: 'not_requested',
    archivedAt: null,
    altaRequestId: null,
    decommissioning: false,
    pastEnd: false,
  },
  'lifecycle.pastEnd': [],
  // Issue 18: the backups page shows the export section; nothing requested or authorized yet.
  'export.status': { ready: [], pending: null, minLength: 16 },
  // Issue 18, scope 6: a kit in force (the home screen's notice stays quiet) and no recovery session open.
  'kit.status': {
    inForce: { id: '99999999-9999-4999-8999-999999999999', issuedAt: '2026-11-02T15:00:00.000Z', status: 'issued', shares: null, fingerprint: 'KKKK-FFFF' },
    newKitNeeded: false,
    reason: null,
    printable: [],
  },
  'kit.recovery': null,
};

/** A screen as the keyholder with `role` sees it once unlocked (the session the screens read their permissions from). */
export function unlockedAs(role: KeyholderRole, ui: ReactNode) {
  const keyholderId = role === 'head' ? HEAD : ADMIN;
  return createElement(VaultSessionContext, { value: { home: { ...home, session: { keyholderId, role } }, lock: () => {}, refresh: () => {} } }, ui);
}

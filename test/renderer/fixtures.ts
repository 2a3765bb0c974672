import { createElement, type ReactNode } from 'react';
import type { AccountSummary } from '../../shared/accounts';
import type { KeyholderRole } from '../../shared/domain';
import { VaultSessionContext } from '../../renderer/src/features/vault/session';
import type { Channel } from '../../shared/channels';
import type { HomeView, ResultOf } from '../../shared/contract';

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

/** What main answers on each channel an account page or the register asks; anything else is refused. */
export const answers: Partial<{ [C in Channel]: ResultOf<C> }> = {
  'vault.home': home,
  'accounts.get': detail,
  'accounts.list': [summary(ACCOUNT, 'Página Oficial Zafiroquinta')],
  'distribution.get': { current: null, recipients: [] },
  'people.list': [],
  'recovery.get': { codes: [], available: 0, low: false },
  'twoStep.get': { method: null, recoveryDevice: null, recoveryEmail: null, findings: [] },
  'devices.list': [],
  'cosign.pending': [],
  'cosign.requests': [],
};

/** A screen as the keyholder with `role` sees it once unlocked (the session the screens read their permissions from). */
export function unlockedAs(role: KeyholderRole, ui: ReactNode) {
  const keyholderId = role === 'head' ? HEAD : ADMIN;
  return createElement(VaultSessionContext, { value: { home: { ...home, session: { keyholderId, role } }, lock: () => {}, refresh: () => {} } }, ui);
}

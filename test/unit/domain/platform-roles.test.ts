import { describe, expect, it } from 'vitest';
import { checkGrant, checkProfile, sharesAccount, type GrantCandidate, type GrantFacts, type ProfileFacts } from '../../../main/domain/platform-roles';
import { PLATFORMS } from '../../../shared/platforms';
import type { AppError } from '../../../shared/result';
import { STAFF_FUNCTIONS, isAdminFunction } from '../../../shared/staff';

/**
 * ROLE-1..ROLE-5 as pure rules (main/domain/platform-roles.ts): who may hold which role on a
 * platform, what a Formulario B must say first, and who should have their own user. Each case
 * names the rule it checks; the refusal's code and rule are both asserted (no rule: undefined).
 */
const CM: GrantCandidate = { function: 'community_manager', link: 'permanent', hasAgreement: false, hasInternalContact: false, status: 'active' };
const BACKUP: GrantCandidate = { ...CM, function: 'backup_administrator' };
const GRANT: GrantFacts = { platform: 'facebook', role: 'partial_content', person: CM, otherAdminFunctions: [], alreadyHeld: false };

type GrantCase = [title: string, facts: Partial<GrantFacts>, code: AppError['code'] | null, rule?: AppError['rule'], details?: AppError['details']];

const outcome = (e: AppError | null) => (e ? { code: e.code, rule: e.rule } : null);

describe('checkGrant', () => {
  it.each<GrantCase>([
    ['none: a permanent community manager gets partial access (content)', {}, null],
    [
      'ROLE-1: a second backup administrator with full control on the page',
      { role: 'full_control', person: BACKUP, otherAdminFunctions: ['backup_administrator'] },
      'ROLE_ADMIN_RESERVED',
      'ROLE-1',
      { role: 'full_control', function: 'backup_administrator' },
    ],
    [
      'ROLE-1: a second account administrator as YouTube manager',
      { platform: 'youtube', role: 'manager', person: { ...CM, function: 'account_administrator' }, otherAdminFunctions: ['account_administrator'] },
      'ROLE_ADMIN_RESERVED',
      'ROLE-1',
    ],
    [
      'ROLE-1: a second office head as LinkedIn super admin',
      { platform: 'linkedin', role: 'super_admin', person: { ...CM, function: 'office_head' }, otherAdminFunctions: ['account_administrator', 'office_head'] },
      'ROLE_ADMIN_RESERVED',
      'ROLE-1',
    ],
    [
      'ROLE-1: none for the backup beside the head and the account administrator (one of each)',
      { role: 'full_control', person: BACKUP, otherAdminFunctions: ['office_head', 'account_administrator'] },
      null,
    ],
    [
      'ROLE-1: none for a second backup administrator with a non-admin role',
      { role: 'partial_insights', person: BACKUP, otherAdminFunctions: ['backup_administrator'] },
      null,
    ],
    [
      'ROLE-2: a community manager with full control',
      { role: 'full_control' },
      'ROLE_TEAM_ADMIN',
      'ROLE-2',
      { role: 'full_control', function: 'community_manager' },
    ],
    ['ROLE-2: a designer as YouTube owner', { platform: 'youtube', role: 'owner', person: { ...CM, function: 'designer' } }, 'ROLE_TEAM_ADMIN', 'ROLE-2'],
    [
      'ROLE-2: an analyst as LinkedIn super admin',
      { platform: 'linkedin', role: 'super_admin', person: { ...CM, function: 'analyst' } },
      'ROLE_TEAM_ADMIN',
      'ROLE-2',
    ],
    ['ROLE-2: «other» as Mailchimp admin', { platform: 'mailchimp', role: 'admin', person: { ...CM, function: 'other' } }, 'ROLE_TEAM_ADMIN', 'ROLE-2'],
    [
      'ROLE-2: before ROLE-3, a contracted community manager as X owner',
      { platform: 'x', role: 'owner', person: { ...CM, link: 'contracted' } },
      'ROLE_TEAM_ADMIN',
      'ROLE-2',
    ],
    ['ROLE-2: none for a community manager as YouTube editor', { platform: 'youtube', role: 'editor' }, null],
    ['ROLE-2: none for an analyst as LinkedIn analyst', { platform: 'linkedin', role: 'analyst', person: { ...CM, function: 'analyst' } }, null],
    [
      'ROLE-3: a contracted account administrator with full control',
      { role: 'full_control', person: { ...CM, function: 'account_administrator', link: 'contracted' } },
      'ROLE_PERMANENT_ONLY',
      'ROLE-3',
      { link: 'contracted' },
    ],
    [
      'ROLE-3: a seconded backup administrator as YouTube owner',
      { platform: 'youtube', role: 'owner', person: { ...BACKUP, link: 'seconded' } },
      'ROLE_PERMANENT_ONLY',
      'ROLE-3',
    ],
    [
      'ROLE-3: an outsourced head with agreement and contact as TikTok admin',
      { platform: 'tiktok', role: 'admin', person: { ...CM, function: 'office_head', link: 'outsourced', hasAgreement: true, hasInternalContact: true } },
      'ROLE_PERMANENT_ONLY',
      'ROLE-3',
    ],
    [
      'ROLE-3: none for a permanent account administrator with full control',
      { role: 'full_control', person: { ...CM, function: 'account_administrator' } },
      null,
    ],
    [
      'ROLE-4: an outsourced community manager with neither agreement nor contact',
      { person: { ...CM, link: 'outsourced' } },
      'ROLE_AGREEMENT_MISSING',
      'ROLE-4',
      { link: 'outsourced' },
    ],
    [
      'ROLE-4: an intern with the agreement but no internal contact',
      { person: { ...CM, link: 'intern', hasAgreement: true } },
      'ROLE_AGREEMENT_MISSING',
      'ROLE-4',
      { link: 'intern' },
    ],
    [
      'ROLE-4: a volunteer with the contact but no agreement',
      { person: { ...CM, link: 'volunteer', hasInternalContact: true } },
      'ROLE_AGREEMENT_MISSING',
      'ROLE-4',
      { link: 'volunteer' },
    ],
    [
      'ROLE-4: before ROLE-2, an outsourced community manager asking full control',
      { role: 'full_control', person: { ...CM, link: 'outsourced' } },
      'ROLE_AGREEMENT_MISSING',
      'ROLE-4',
    ],
    [
      'ROLE-4: before ROLE-3, an outsourced account administrator with no agreement',
      { role: 'full_control', person: { ...CM, function: 'account_administrator', link: 'outsourced' } },
      'ROLE_AGREEMENT_MISSING',
      'ROLE-4',
    ],
    [
      'ROLE-4: none for an outsourced community manager with agreement and contact',
      { person: { ...CM, link: 'outsourced', hasAgreement: true, hasInternalContact: true } },
      null,
    ],
    ['ROLE-4: none for direct staff without agreement (contracted)', { person: { ...CM, link: 'contracted' } }, null],
    ['ROLE-4: none for direct staff without agreement (seconded)', { person: { ...CM, link: 'seconded' } }, null],
    ['ROLE_UNKNOWN (no rule): a role the platform does not have', { role: 'owner' }, 'ROLE_UNKNOWN', undefined, { platform: 'facebook', role: 'owner' }],
    ['ROLE_UNKNOWN (no rule): another platform’s role', { role: 'super_admin' }, 'ROLE_UNKNOWN'],
    ['ROLE_UNKNOWN (no rule): a platform not in the catalog', { platform: 'myspace', role: 'admin' }, 'ROLE_UNKNOWN'],
    ['ROLE_UNKNOWN (no rule): before anything about the person', { role: 'nope', person: null }, 'ROLE_UNKNOWN'],
    ['PERSON_INCOMPLETE (no rule): no Formulario B on record', { person: null }, 'PERSON_INCOMPLETE'],
    ['PERSON_NOT_ACTIVE (no rule, HAND-2): a person leaving', { person: { ...CM, status: 'leaving' } }, 'PERSON_NOT_ACTIVE', undefined, { status: 'leaving' }],
    [
      'PERSON_NOT_ACTIVE (no rule, HAND-2): before ROLE-4, an outsourced person departed',
      { person: { ...CM, link: 'outsourced', status: 'departed' } },
      'PERSON_NOT_ACTIVE',
    ],
    ['ROLE_HELD (no rule): a second live role on the same account', { alreadyHeld: true }, 'ROLE_HELD'],
    ['ROLE_HELD (no rule): after ROLE-4', { alreadyHeld: true, person: { ...CM, link: 'volunteer' } }, 'ROLE_AGREEMENT_MISSING', 'ROLE-4'],
  ])('%s', (_title, change, code, rule, details) => {
    const refusal = checkGrant({ ...GRANT, ...change });
    expect(outcome(refusal)).toEqual(code === null ? null : { code, rule });
    if (details) expect(refusal?.details).toEqual(details);
  });

  it('ROLE-2 over every platform: each admin-level role is refused to a community manager, each other role granted', () => {
    for (const platform of PLATFORMS)
      for (const role of platform.roles)
        expect(outcome(checkGrant({ ...GRANT, platform: platform.id, role: role.id })), `${platform.id}/${role.id}`).toEqual(
          role.admin ? { code: 'ROLE_TEAM_ADMIN', rule: 'ROLE-2' } : null,
        );
  });

  it('ROLE-1 over every function: only the head, the account administrator and the backup may hold an admin-level role', () => {
    const allowed = STAFF_FUNCTIONS.filter((fn) => checkGrant({ ...GRANT, role: 'full_control', person: { ...CM, function: fn } }) === null);
    expect(allowed).toEqual(['office_head', 'account_administrator', 'backup_administrator']);
    expect(allowed.every(isAdminFunction)).toBe(true);
  });
});

const PROFILE: ProfileFacts = { function: 'community_manager', link: 'permanent', linkDetail: undefined, hasAgreement: false, internalContact: null };
const CONTACT = { isSelf: false, exists: true, direct: true, active: true };

describe('checkProfile (Formulario B)', () => {
  it.each<[title: string, facts: Partial<ProfileFacts>, code: AppError['code'] | null, rule?: AppError['rule']]>([
    ['none: a permanent community manager', {}, null],
    ['STAFF_LINK_DETAIL (no rule): an outsourced person with no company named', { link: 'outsourced' }, 'STAFF_LINK_DETAIL'],
    ['STAFF_LINK_DETAIL (no rule): a seconded person with no institution of origin', { link: 'seconded' }, 'STAFF_LINK_DETAIL'],
    [
      'STAFF_LINK_DETAIL (no rule): before ROLE-3, an outsourced administrator with no company',
      { link: 'outsourced', function: 'account_administrator' },
      'STAFF_LINK_DETAIL',
    ],
    [
      'none: an outsourced community manager with the company named, the agreement to come (ROLE-4 blocks roles)',
      { link: 'outsourced', linkDetail: 'Agencia' },
      null,
    ],
    ['ROLE-3: a contracted account administrator', { function: 'account_administrator', link: 'contracted' }, 'ROLE_PERMANENT_ONLY', 'ROLE-3'],
    [
      'ROLE-3: an outsourced backup administrator',
      { function: 'backup_administrator', link: 'outsourced', linkDetail: 'Agencia' },
      'ROLE_PERMANENT_ONLY',
      'ROLE-3',
    ],
    ['ROLE-3: an intern as office head', { function: 'office_head', link: 'intern' }, 'ROLE_PERMANENT_ONLY', 'ROLE-3'],
    ['ROLE-3: none for a permanent backup administrator', { function: 'backup_administrator' }, null],
    ['ROLE-4: the internal contact is the person themself', { link: 'volunteer', internalContact: { ...CONTACT, isSelf: true } }, 'STAFF_CONTACT', 'ROLE-4'],
    ['ROLE-4: the internal contact has no record', { link: 'volunteer', internalContact: { ...CONTACT, exists: false } }, 'STAFF_CONTACT', 'ROLE-4'],
    ['ROLE-4: the internal contact is not direct staff', { link: 'volunteer', internalContact: { ...CONTACT, direct: false } }, 'STAFF_CONTACT', 'ROLE-4'],
    ['ROLE-4: the internal contact is leaving', { link: 'volunteer', internalContact: { ...CONTACT, active: false } }, 'STAFF_CONTACT', 'ROLE-4'],
    ['ROLE-4: none for an active, direct internal contact', { link: 'volunteer', hasAgreement: true, internalContact: CONTACT }, null],
  ])('%s', (_title, change, code, rule) => {
    expect(outcome(checkProfile({ ...PROFILE, ...change }))).toEqual(code === null ? null : { code, rule });
  });
});

describe('sharesAccount', () => {
  it.each<[title: string, platform: string, fn: Parameters<typeof sharesAccount>[1], flagged: boolean]>([
    ['ROLE-5: a community manager with the Facebook page’s password', 'facebook', 'community_manager', true],
    ['ROLE-5: a designer with the YouTube channel’s password', 'youtube', 'designer', true],
    ['ROLE-5: a person with no Formulario B yet, on LinkedIn', 'linkedin', null, true],
    ['ROLE-5: none for the account administrator (the one who holds passwords)', 'facebook', 'account_administrator', false],
    ['ROLE-5: none for the backup administrator', 'instagram', 'backup_administrator', false],
    ['ROLE-5: none for the office head', 'x', 'office_head', false],
    ['ROLE-5: none on a single-user platform (Flickr)', 'flickr', 'community_manager', false],
    ['ROLE-5: none on the institutional mailbox', 'institutional_email', 'community_manager', false],
    ['ROLE-5: none on a platform not in the catalog', 'myspace', 'community_manager', false],
  ])('%s', (_title, platform, fn, flagged) => {
    expect(sharesAccount(platform, fn)).toBe(flagged);
  });

  it('ROLE-5 follows the catalog: flagged for a team member exactly where the platform supports several users', () => {
    for (const p of PLATFORMS) expect(sharesAccount(p.id, 'analyst'), p.id).toBe(p.multiUser);
  });
});

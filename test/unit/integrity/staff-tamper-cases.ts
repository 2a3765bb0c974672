import type { RichVault } from '../../fixtures/rich-vault';
import { flip, type SqlCase } from './tamper-cases';

/**
 * sqlite3 edits of the staff registry (issue 15) that would change what ROLE-1..ROLE-5 and a
 * departure's checklist are judged on: an outsider made permanent or an administrator, a revoked
 * role made live again, a record of who saw a code or what a departure must settle erased.
 */
export function staffSqlCases(v: RichVault): SqlCase[] {
  const { facebook, mailbox, head, backup, person, contact, agency, leaver, grant, revokedGrant, revokingGrant, returnedDevice } = v.ids;
  const staff = (name: string, set: string, who = agency): SqlCase => ({ name, names: 'staff', sql: `UPDATE staff SET ${set} WHERE person_id = '${who}';` });
  const role = (name: string, set: string, id = grant): SqlCase => ({
    name,
    names: 'platform_roles',
    sql: `UPDATE platform_roles SET ${set} WHERE id = '${id}';`,
  });
  return [
    // Formulario B
    staff('outsourced community manager made permanent staff (ROLE-3)', "link_kind = 'permanent'"),
    staff('outsourced community manager made account administrator (ROLE-1, ROLE-3)', "function = 'account_administrator'"),
    staff('agreement flag flipped (ROLE-4)', 'has_agreement = 1 - has_agreement'),
    staff('agreement recorded for someone who has none (ROLE-4)', 'has_agreement = 1', contact),
    staff('internal contact changed (ROLE-4)', `internal_contact_id = '${leaver}'`),
    staff('internal contact erased (ROLE-4)', 'internal_contact_id = NULL'),
    staff('departing person set back to active', "status = 'active', leaving_at = NULL", leaver),
    staff('active person marked leaving', "status = 'leaving', leaving_at = updated_at", contact),
    { name: 'flipped byte in a sealed Formulario B', names: 'staff', sql: flip('staff', 'profile', `person_id = '${agency}'`) },
    { name: 'Formulario B deleted', names: 'staff', sql: `DELETE FROM staff WHERE person_id = '${contact}';` },
    {
      name: 'forged Formulario B for a recipient, copied from another person',
      names: 'staff',
      sql: `INSERT INTO staff SELECT '${person}', version, profile, 'account_administrator', 'permanent', has_agreement, NULL, 'active', NULL, updated_by, updated_at FROM staff WHERE person_id = '${contact}';`,
    },
    // roles on the platforms
    role('revocation in progress undone: grant set back to active', "state = 'active', revoke_request_id = NULL", revokingGrant),
    role('revoked grant set back to active', "state = 'active', revoke_request_id = NULL, revoked_at = NULL", revokedGrant),
    role('role in force marked as still awaiting its confirmation', "state = 'granting', granted_at = NULL"),
    role('role changed to an admin-level one (ROLE-2)', "role = 'full_control', admin = 1"),
    role('admin flag flipped', 'admin = 1 - admin'),
    role('grant re-attributed to another person', `person_id = '${contact}'`),
    role('grant moved to another account', `account_id = '${mailbox}'`),
    { name: 'revoked grant deleted (its history erased)', names: 'platform_roles', sql: `DELETE FROM platform_roles WHERE id = '${revokedGrant}';` },
    {
      name: 'forged admin-level grant to a designer',
      names: 'platform_roles',
      sql: `INSERT INTO platform_roles SELECT 'forged-grant', '${facebook}', '${contact}', 'full_control', 1, 'active', 'forged-request', authorized_at, granted_at, NULL, NULL FROM platform_roles WHERE id = '${grant}';`,
    },
    // who saw or received a recovery code (HAND-3)
    { name: 'record of a recovery code seen deleted', names: 'code_exposures', sql: `DELETE FROM code_exposures WHERE how = 'revealed';` },
    { name: 'record of a recovery code handed over deleted', names: 'code_exposures', sql: `DELETE FROM code_exposures WHERE person_id = '${agency}';` },
    {
      name: 'recovery code handed to someone else',
      names: 'code_exposures',
      sql: `UPDATE code_exposures SET person_id = '${contact}' WHERE person_id = '${agency}';`,
    },
    {
      name: 'code seen re-attributed to the head',
      names: 'code_exposures',
      sql: `UPDATE code_exposures SET keyholder_id = '${head}', recorded_by = '${head}' WHERE how = 'revealed';`,
    },
    // a departure's checklist (HAND-2, HAND-3)
    { name: 'departure item to rotate a password deleted', names: 'departure_items', sql: `DELETE FROM departure_items WHERE kind = 'rotate_password';` },
    { name: 'whole departure checklist deleted', names: 'departure_items', sql: `DELETE FROM departure_items WHERE person_id = '${leaver}';` },
    {
      name: 'departure item pointed at another grant',
      names: 'departure_items',
      sql: `UPDATE departure_items SET ref = '${grant}' WHERE kind = 'revoke_role';`,
    },
    {
      name: 'returned phone handed back to the leaver',
      names: 'devices',
      sql: `UPDATE devices SET holder_person_id = '${leaver}' WHERE id = '${returnedDevice}';`,
    },
    // keyholders and the people they are
    {
      name: 'the head’s person record re-pointed to a departing person',
      names: 'keyholder_people',
      sql: `UPDATE keyholder_people SET person_id = '${leaver}' WHERE keyholder_id = '${head}';`,
    },
    { name: 'a keyholder’s person link deleted', names: 'keyholder_people', sql: `DELETE FROM keyholder_people WHERE keyholder_id = '${backup}';` },
  ];
}

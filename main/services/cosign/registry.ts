import type { ChangeKindId } from '../../../shared/domain';
import { register, type RegisteredKind } from './change-kind';
import { credentialRotate } from './kinds/credential-rotate';
import { personDepart } from './kinds/person-depart';
import { personRegister } from './kinds/person-register';
import { personUpdate } from './kinds/person-update';
import { roleGrant } from './kinds/role-grant';
import { roleRevoke } from './kinds/role-revoke';
import { recoveryReplace } from './kinds/recovery-replace';
import { settingsUpdate } from './kinds/settings-update';
import { totpExport } from './kinds/totp-export';
import { totpRemove } from './kinds/totp-remove';
import { totpSet } from './kinds/totp-set';
import { keyholderEnrol } from './kinds/keyholder-enrol';
import { keyholderRevoke } from './kinds/keyholder-revoke';
import { accountCreate } from './kinds/account-create';
import { accountModify } from './kinds/account-modify';
import { accountDecommission } from './kinds/account-decommission';
import { inventoryImport } from './kinds/inventory-import';
import { vaultExport } from './kinds/vault-export';
import { kitIssue } from './kinds/kit-issue';
import { vaultRestore } from './kinds/vault-restore';

/** Every kind of co-signed change, one line each; a kind missing here, or under another id, does not compile. */
export const CHANGE_KINDS: { readonly [K in ChangeKindId]: RegisteredKind<K> } = {
  'credential.rotate': register(credentialRotate),
  'settings.update': register(settingsUpdate),
  'totp.set': register(totpSet),
  'totp.remove': register(totpRemove),
  'totp.export': register(totpExport),
  'recovery.replace': register(recoveryReplace),
  'person.register': register(personRegister),
  'person.update': register(personUpdate),
  'person.depart': register(personDepart),
  'role.grant': register(roleGrant),
  'role.revoke': register(roleRevoke),
  'keyholder.enrol': register(keyholderEnrol),
  'keyholder.revoke': register(keyholderRevoke),
  'account.create': register(accountCreate),
  'account.modify': register(accountModify),
  'account.decommission': register(accountDecommission),
  'inventory.import': register(inventoryImport),
  'vault.export': register(vaultExport),
  'kit.issue': register(kitIssue),
  'vault.restore': register(vaultRestore),
};

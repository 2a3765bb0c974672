import type { PersonRef } from '../../../shared/accounts';
import type { Db } from '../../vault/db';
import { openText } from '../../vault/fields';
import { listKeyholders } from '../../vault/repositories/keyholders';
import type { Sodium } from '../../vault/sodium';

/** Keyholders by id with their names opened, for views that say who proposed and who authorized. */
export function keyholderRefs(db: Db, s: Sodium, recordsKey: Uint8Array): Map<string, PersonRef> {
  return new Map(
    listKeyholders(db).map((k) => [
      k.id,
      { keyholderId: k.id, role: k.role, name: openText(s, recordsKey, { table: 'keyholders', rowId: k.id, column: 'name', version: k.version }, k.name) },
    ]),
  );
}

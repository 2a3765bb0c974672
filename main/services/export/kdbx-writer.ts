import { kdbxweb } from '../../vault/kdbx';
import type { KdbxEntryData } from './entries';

/**
 * The KeePass file of an export (issue 18, scope 5): KDBX 4, Argon2id, one group per platform, one
 * entry per account (Title, UserName, Password protected, URL, Notes, and KeePassXC's `otp`
 * attribute, protected, holding an otpauth:// URI when the account has a TOTP seed). kdbxweb's
 * Argon2 is hash-wasm's, in a worker (main/vault/kdbx.ts). No recycle bin: an export has no history.
 */
export interface KdbxCost {
  /** Argon2id memory, bytes. */
  memoryBytes: number;
  iterations: number;
  parallelism: number;
}

/** What KeePassXC proposes for a new database (64 MiB, about a second on an office workstation): the file leaves the vault's protection. */
export const EXPORT_KDF: KdbxCost = { memoryBytes: 64 * 1024 * 1024, iterations: 3, parallelism: 2 };

export async function writeKdbx(entries: readonly KdbxEntryData[], passphrase: string, name: string, cost: KdbxCost = EXPORT_KDF): Promise<Uint8Array> {
  const credentials = new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString(passphrase));
  const db = kdbxweb.Kdbx.create(credentials, name);
  db.setVersion(4);
  db.setKdf(kdbxweb.Consts.KdfId.Argon2id);
  const params = db.header.kdfParameters!;
  const { UInt32, UInt64 } = kdbxweb.VarDictionary.ValueType;
  params.set('M', UInt64, new kdbxweb.Int64(cost.memoryBytes));
  params.set('I', UInt64, new kdbxweb.Int64(cost.iterations));
  params.set('P', UInt32, cost.parallelism);
  const root = db.getDefaultGroup();
  // Kdbx.create makes a recycle bin; an export has nothing deleted, so it has none.
  root.groups = root.groups.filter((g) => !db.meta.recycleBinUuid?.equals(g.uuid));
  db.meta.recycleBinEnabled = false;
  db.meta.recycleBinUuid = undefined;
  const groups = new Map<string, ReturnType<typeof db.createGroup>>();
  for (const e of entries) {
    let group = groups.get(e.platform);
    if (!group) {
      group = db.createGroup(root, e.platformLabel);
      groups.set(e.platform, group);
    }
    const entry = db.createEntry(group);
    entry.fields.set('Title', e.title);
    entry.fields.set('UserName', e.userName);
    entry.fields.set('Password', kdbxweb.ProtectedValue.fromString(e.password));
    entry.fields.set('URL', e.url);
    entry.fields.set('Notes', e.notes);
    if (e.otp) entry.fields.set('otp', kdbxweb.ProtectedValue.fromString(e.otp));
  }
  const bytes = await db.save();
  return new Uint8Array(bytes);
}

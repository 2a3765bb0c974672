import type { HomeView, KeyholderView } from '../../../shared/contract';
import { CustodiaError } from '../../domain/errors';
import { lastEvent } from '../../vault/audit/log';
import { openText } from '../../vault/fields';
import { publicKeyFingerprint } from '../../vault/keyring';
import { readInstitution } from '../../vault/repositories/institution';
import { listKeyholders } from '../../vault/repositories/keyholders';
import type { Sodium } from '../../vault/sodium';
import { readRoster } from '../../vault/integrity/roster';
import type { SessionService } from './session';
import type { VaultFile } from './vault-file';

/** What the home screen shows right after unlock. */
export class HomeService {
  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
  ) {}

  home(): HomeView {
    const session = this.sessions.require();
    const db = this.vault.require();
    const key = session.keys.records;
    const institution = readInstitution(db, this.s, key);
    if (!institution) throw new CustodiaError('VAULT_CORRUPT', { part: 'institution' });
    // Roles and fingerprints as the signed roster states them: the ones to compare with paper.
    const roster = readRoster(db, this.s);
    const keyholders: KeyholderView[] = listKeyholders(db).map((k) => ({
      id: k.id,
      role: roster?.get(k.id)?.role ?? k.role,
      status: k.status,
      createdAt: k.createdAt,
      fingerprint: publicKeyFingerprint(this.s, roster?.get(k.id) ? this.s.from_hex(roster.get(k.id)!.key) : k.signPublicKey),
      name: openText(this.s, key, { table: 'keyholders', rowId: k.id, column: 'name', version: k.version }, k.name),
    }));
    const { name, acronym, emailDomains, timeZone, idleLockMinutes, rotationIntervalDays } = institution;
    const head = lastEvent(db);
    return {
      institution: { name, acronym, emailDomains, timeZone, idleLockMinutes, rotationIntervalDays },
      keyholders,
      session: { keyholderId: session.keyholderId, role: session.role },
      // The head's seq (counting rows scans the whole log: ~25 ms at 100,000 events); a gap is the verification's to name.
      audit: { events: head.seq, headHash: this.s.to_hex(head.hash) },
    };
  }
}

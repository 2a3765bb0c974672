import type { BackupReminder } from '../../../shared/backup-reminder';
import { readSealedHead } from '../../vault/audit/log';
import { eventHolds, newestEvent } from '../../vault/audit/one-event';
import { readRoster } from '../../vault/integrity/roster';
import { readInstitution } from '../../vault/repositories/institution';
import type { Sodium } from '../../vault/sodium';
import type { Clock, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The home screen's backup reminder (issue 18, scope 1). The last backup's date is the `at` of the
 * newest «backup.created» event, and only once that event holds: its hash recomputed from its own
 * columns, linked to the events before and after it (or to the sealed head), and signed by the
 * keyholder the signed roster names. An edited date, a forged or a relabelled event is not trusted.
 */
export class BackupReminderService {
  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
  ) {}

  reminder(): BackupReminder {
    const session = this.sessions.require();
    const db = this.vault.require();
    const reminderDays = readInstitution(db, this.s, session.keys.records)!.backupReminderDays;
    const event = newestEvent(db, 'backup.created');
    if (!event) return { reminderDays, last: null, unverified: false, due: true };
    const sealedHead = () => {
      try {
        return readSealedHead(db, this.s, session.keys.audit)?.hash;
      } catch {
        return undefined; // a sealed head that does not open: the integrity panel says so
      }
    };
    if (!eventHolds(db, this.s, event, readRoster(db, this.s), sealedHead)) return { reminderDays, last: null, unverified: true, due: true };
    const age = this.clock().getTime() - Date.parse(event.at);
    return {
      reminderDays,
      last: { at: event.at, seq: event.seq, ageDays: Math.max(0, Math.floor(age / DAY_MS)) },
      unverified: false,
      due: age >= reminderDays * DAY_MS,
    };
  }
}

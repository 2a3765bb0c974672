import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../main/services';
import { lastCheckpointSeq } from '../../../main/services/integrity/checkpoint';
import { appendEvent } from '../../../main/vault/audit/log';
import { openExistingVault } from '../../../main/vault/db';
import { snapshotHeader, takeSnapshot } from '../../../main/services/backup/snapshot';
import { writePartial } from '../../../main/services/backup/writer';
import { refusal } from '../../fixtures/keyholders';
import { verifyIntegrity } from '../../../main/vault/integrity/verify';
import { appendSyntheticEvents } from '../../fixtures/generate';
import { goldenVault, KNOWN, keyholderId, removeDir, tempDir } from '../../fixtures/vault';
import { readLog, rewriteFrom } from '../../fixtures/insider-log';

/**
 * The head's checkpoints (issue 18; docs/decisions/0003 and 0008): after the head's own
 * verification found the log whole, the head's session appends `integrity.checkpoint` (the seq, chain
 * hash and signature digest it verified); later verifications and a restore check one by one only
 * the signatures after it. Here as the insider would try it: an edit before a checkpoint, a
 * checkpoint written by the administrator, one forged in the head's name.
 */
const EVERY = 25;
let services: Services;
let admin = '';
let head = '';
const dirs: string[] = [];

async function servicesEvery(every: number): Promise<Services> {
  const dir = tempDir('custodia-checkpoint-');
  dirs.push(dir);
  copyFileSync(await goldenVault(), join(dir, 'vault.sqlite'));
  return createServices({ dataDir: dir, checkpointEvery: every });
}

/** Unlocks as `who` and waits for the session's verification (and, for the head, its checkpoint). */
async function visit(who: string, passphrase: string) {
  if (services.sessions.current()) services.sessions.lock('manual');
  await services.sessions.unlock(who, passphrase);
  return (await services.integrity.status()).report;
}

const checkpoints = () => readLog(services.vault.require() as never).filter((r) => r.action === 'integrity.checkpoint');

const verifyFile = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return verifyIntegrity(db as never, services.sodium, services.vault.referenceSchema()).report;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  services = await servicesEvery(EVERY);
  admin = keyholderId(services, 'administrator');
  head = keyholderId(services, 'head');
  await visit(admin, KNOWN.adminPass);
  appendSyntheticEvents(services, 3 * EVERY);
}, 120_000);

afterAll(async () => {
  await services?.close();
  for (const d of dirs) removeDir(d);
});

describe("the head's session vouches for the log it verified whole", () => {
  it('an administrator’s verification writes no checkpoint, however many events passed', async () => {
    const report = await visit(admin, KNOWN.adminPass);
    expect(report.ok).toBe(true);
    expect(report.events).toBeGreaterThan(3 * EVERY);
    expect(checkpoints()).toEqual([]);
  });

  it("the head's unlock appends one, signed by the head, naming exactly the head its verification found whole", async () => {
    const report = await visit(head, KNOWN.headPass);
    expect(report.ok).toBe(true);
    const [checkpoint] = checkpoints();
    expect(checkpoint).toBeDefined();
    expect(checkpoint!.actorId).toBe(head);
    const details = JSON.parse(checkpoint!.details) as { seq: number; hash: string; signatures: string };
    expect(details.seq).toBe(report.events);
    expect(details.hash).toBe(report.headHash);
    expect(details.signatures).toMatch(/^[0-9a-f]{128}$/);
    expect(checkpoint!.seq).toBeGreaterThan(details.seq);
    expect(lastCheckpointSeq(services.vault.require())).toBe(details.seq);
  });

  it('a later verification checks one by one only the signatures after it', () => {
    const all = verifyIntegrity(services.vault.require(), services.sodium, services.vault.referenceSchema(), undefined, { full: true }).report;
    const honoured = verifyIntegrity(services.vault.require(), services.sodium, services.vault.referenceSchema()).report;
    expect(all.ok && honoured.ok).toBe(true);
    expect(all.signatures).toBe(all.events);
    expect(honoured.signatures).toBe(all.events - lastCheckpointSeq(services.vault.require()));
    expect(honoured.signatures).toBeLessThan(10);
  });

  it('the head’s next unlock writes none while fewer events than the interval passed since the last', async () => {
    const before = checkpoints().length;
    await visit(head, KNOWN.headPass);
    expect(checkpoints().length).toBe(before);
    appendSyntheticEvents(services, EVERY);
    await visit(head, KNOWN.headPass);
    expect(checkpoints().length).toBe(before + 1);
  });

  it('the audit names it as the head’s, with the event it vouches up to', async () => {
    await visit(admin, KNOWN.adminPass);
    const page = services.auditLog.list({ limit: 50 });
    const event = page.events.find((e) => e.action === 'integrity.checkpoint');
    expect(event?.actor?.keyholderId).toBe(head);
    expect(event?.facts.seq).toBe(lastCheckpointSeq(services.vault.require()));
  });
});

describe('an insider cannot ride a checkpoint', () => {
  it('an event edited before the checkpoint (later hashes recomputed, own events re-signed) voids it: every signature is checked and the edit named', async () => {
    await visit(admin, KNOWN.adminPass);
    const copy = join(tempDir('custodia-checkpoint-edit-'), 'vault.sqlite');
    dirs.push(join(copy, '..'));
    await services.vault.require().backup(copy);
    const vouched = lastCheckpointSeq(services.vault.require());
    const db = new Database(copy);
    const target = readLog(db).find((r) => r.seq < vouched && r.actorId === head && r.action === 'vault.unlocked')!;
    rewriteFrom(db, services, target.seq, (details) => details.replace(/"failedAttempts":\d+/, '"failedAttempts":7'));
    db.close();
    const report = verifyFile(copy);
    expect(report.ok).toBe(false);
    expect(report.signatures).toBe(report.events);
    expect(report.faults).toContainEqual({ kind: 'signature_invalid', seq: target.seq });
  });

  /** A copy of the vault with a checkpoint appended through the real writer, the administrator's key signing it in `actorId`'s name. */
  async function withCheckpointBy(actorId: string): Promise<{ file: string; seq: number }> {
    const dir = tempDir('custodia-checkpoint-append-');
    dirs.push(dir);
    const file = join(dir, 'vault.sqlite');
    await services.vault.require().backup(file);
    const session = services.sessions.require();
    // Opened as Custodia opens a vault (its connection's temporary tables), so the real writer runs.
    const db = openExistingVault(file);
    const last = readLog(db as never).at(-1)!;
    const entry = { seq: last.seq, hash: last.hash.toString('hex'), signatures: 'f'.repeat(128) };
    db.transaction(() =>
      appendEvent(
        db,
        services.sodium,
        session.keys.audit,
        { keyholderId: actorId, secretKey: session.signSecret },
        {
          at: new Date().toISOString(),
          action: 'integrity.checkpoint',
          subjects: {},
          details: entry,
        },
      ),
    )();
    db.close();
    return { file, seq: last.seq + 1 };
  }

  it('a checkpoint the administrator signs is refused as a role they do not hold, and spares nothing', async () => {
    const { file, seq } = await withCheckpointBy(admin);
    const report = verifyFile(file);
    expect(report.faults).toContainEqual({ kind: 'role_refused', seq, action: 'integrity.checkpoint' });
    expect(report.signatures).toBe(report.events - lastCheckpointSeq(services.vault.require()));
  });

  it("a checkpoint in the head's name the head did not sign is a signature fault, whatever it claims", async () => {
    const { file, seq } = await withCheckpointBy(head);
    const report = verifyFile(file);
    expect(report.ok).toBe(false);
    expect(report.faults).toContainEqual({ kind: 'signature_invalid', seq });
  });
});

describe('a restore honours the head’s checkpoint and nothing less', () => {
  async function restoreAt(file: string) {
    const dir = tempDir('custodia-checkpoint-station-');
    dirs.push(dir);
    const station = await createServices({ dataDir: dir });
    try {
      const { handle } = station.backup.inspect(file);
      return await station.backup.open(handle, admin, KNOWN.adminPass).then(() => station.backup.install(handle));
    } finally {
      await station.close();
    }
  }

  it('a backup taken after a checkpoint restores whole, with the same chain head', async () => {
    await visit(admin, KNOWN.adminPass);
    const file = join(tempDir('custodia-checkpoint-backup-'), 'respaldo.custodia');
    dirs.push(join(file, '..'));
    const created = await services.backup.create(services.sessions.require(), file);
    expect(lastCheckpointSeq(services.vault.require())).toBeGreaterThan(0);
    const installed = await restoreAt(file);
    expect(installed.chainHead).toEqual(created.chainHead);
  });

  it('the insider’s backup of a log edited before the checkpoint, re-encrypted and signed by them, is refused', async () => {
    const work = tempDir('custodia-checkpoint-forged-backup-');
    dirs.push(work);
    const copy = join(work, 'vault.sqlite');
    await services.vault.require().backup(copy);
    const db = new Database(copy);
    const target = readLog(db).find((r) => r.seq < lastCheckpointSeq(services.vault.require()) && r.actorId === head)!;
    rewriteFrom(db, services, target.seq, (details) => details.replace(/}$/, ',"note":"x"}'));
    const snapshot = join(work, 'snapshot.sqlite');
    takeSnapshot(db as never, snapshot);
    db.close();
    const s = services.sodium;
    const session = services.sessions.require();
    const signer = { keyholderId: admin, publicKey: s.crypto_sign_ed25519_sk_to_pk(session.signSecret) };
    const draft = snapshotHeader(s, snapshot, signer, new Date().toISOString(), 64 * 1024);
    const forged = writePartial(s, session.keys.backups, session.signSecret, draft, snapshot, join(work, 'respaldo.custodia')).partial;
    const error = await refusal(() => restoreAt(forged));
    expect(error.code).toBe('BACKUP_CORRUPT');
    expect(error.details).toMatchObject({ part: 'integrity', fault: 'signature_invalid', seq: target.seq });
  });
});

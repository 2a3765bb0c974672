import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../main/services';
import { snapshotHeader, takeSnapshot } from '../../../main/services/backup/snapshot';
import { writePartial } from '../../../main/services/backup/writer';
import { GENESIS_HASH, textEventHash } from '../../../main/vault/audit/chain';
import { readRoster } from '../../../main/vault/integrity/roster';
import { verifyIntegrity } from '../../../main/vault/integrity/verify';
import type { Sodium } from '../../../main/vault/sodium';
import { readLog, rewriteFrom, type LogRow } from '../../fixtures/insider-log';
import { refusal } from '../../fixtures/keyholders';
import { KNOWN, keyholderId, removeDir, tempDir, unlockedWithActors } from '../../fixtures/vault';

/**
 * Why a restore checks every signature from genesis, or from the head's last checkpoint (a record the
 * head signs after its own verification: test/unit/integrity/checkpoint.test.ts), never fewer
 * (docs/decisions/0008, «Restore verification»).
 *
 * The shortcut considered for issue 18's restore target: recompute every chain hash from content,
 * and check only each signer's LAST signature, on the ground that a signature over hash(n) covers
 * every event before n. The premise holds (an event's signature is over its chain hash, recomputed
 * from the row's content; signers' keys come from the signed roster the chain replays), but the
 * conclusion does not: a signature over hash(n) proves that the signer's Custodia appended event n
 * to whatever prefix the file held at that moment, not that each earlier event was signed by its
 * actor. Custodia appends before it verifies (the unlock's own `vault.unlocked` event, and any write
 * while the background verification runs), and the insider holds the vault key, so the sealed head
 * checked before an append is theirs to reseal. Here the administrator hides the failed guesses of
 * the head's passphrase recorded in the head's own unlock event; the head's next unlock signs on top
 * of the forged chain. Every signer's last signature verifies and every chain hash recomputes; only
 * the edited event's own signature is wrong, and only checking every signature finds it.
 */
type Ctx = Awaited<ReturnType<typeof unlockedWithActors>>;
let ctx: Ctx;
let station: Services;
let skew = 0;
let forged = 0;
let forgedBackup = '';
const dirs: string[] = [];

/** The rejected shortcut, as a witness: chain hashes recomputed from content, then only each signer's last signature. */
function lastSignaturesHold(s: Sodium, file: string): boolean {
  const db = new Database(file, { readonly: true });
  try {
    const roster = readRoster(db as never, s)!;
    const last = new Map<string, LogRow>();
    let prev: Uint8Array = GENESIS_HASH;
    for (const row of readLog(db)) {
      const hash = textEventHash(s, prev, row, row.subjects, row.details);
      if (Buffer.compare(hash, row.hash) !== 0 || Buffer.compare(row.prevHash, prev) !== 0) return false;
      last.set(row.actorId, row);
      prev = row.hash;
    }
    return [...last.values()].every((row) => s.crypto_sign_verify_detached(row.signature, row.hash, s.from_hex(roster.get(row.actorId)!.key)));
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  ctx = await unlockedWithActors({ clock: () => new Date(Date.now() + skew) });
  const { services } = ctx;
  const s = services.sodium;
  const head = keyholderId(services, 'head');
  const admin = keyholderId(services, 'administrator');
  // The insider guesses the head's passphrase; the head's next unlock records the failures in the head's own, signed event.
  for (let i = 0; i < 2; i++) {
    skew += 3_600_000;
    expect((await refusal(() => services.sessions.unlock(head, 'no es la frase de paso'))).code).toBe('UNLOCK_FAILED');
  }
  skew += 3_600_000;
  await services.sessions.unlock(head, KNOWN.headPass);
  forged = readLog(services.vault.require()).at(-1)!.seq;
  expect(JSON.parse(readLog(services.vault.require(), forged)[0]!.details)).toMatchObject({ failedAttempts: 2 });
  skew += 60_000;
  await services.sessions.unlock(admin, KNOWN.adminPass);
  await services.integrity.status();
  const session = services.sessions.require();
  const insider = { audit: Uint8Array.from(session.keys.audit), backups: Uint8Array.from(session.keys.backups), secret: Uint8Array.from(session.signSecret) };

  // With sqlite3 and the vault key: the count erased, every later hash recomputed, their own events re-signed, the head resealed.
  const db = new Database(services.vault.path);
  rewriteFrom(db, services, forged, (details) => details.replace('"failedAttempts":2', '"failedAttempts":0'));
  db.close();

  // The head's routine next visit: Custodia signs its unlock event on top of the forged chain before any verification.
  skew += 3_600_000;
  await services.sessions.unlock(head, KNOWN.headPass);
  const tail = readLog(services.vault.require()).at(-1)!;
  expect(tail).toMatchObject({ actorId: head, action: 'vault.unlocked' });

  // The insider's backup of it: validly encrypted, and signed by a keyholder of the backup.
  const work = tempDir('custodia-shortcut-');
  dirs.push(work);
  const snapshot = join(work, 'snapshot.sqlite');
  takeSnapshot(services.vault.require(), snapshot);
  const signer = { keyholderId: admin, publicKey: s.crypto_sign_ed25519_sk_to_pk(insider.secret) };
  const draft = snapshotHeader(s, snapshot, signer, new Date(Date.now() + skew).toISOString(), 64 * 1024);
  forgedBackup = writePartial(s, insider.backups, insider.secret, draft, snapshot, join(work, 'respaldo.custodia')).partial;
  const stationDir = tempDir('custodia-shortcut-station-');
  dirs.push(stationDir);
  station = await createServices({ dataDir: stationDir });
}, 180_000);

afterAll(async () => {
  await ctx?.services.close();
  await station?.close();
  for (const d of dirs) removeDir(d);
});

describe("checking only each signer's last signature would accept an insider's rewritten event (rejected for restore, 0008)", () => {
  it('every chain hash recomputes and every signer’s last signature verifies: the shortcut would accept this log', () => {
    expect(lastSignaturesHold(ctx.services.sodium, ctx.services.vault.path)).toBe(true);
  });

  it('the verification from genesis names the rewritten event, and only it: its own signature is over the old hash', () => {
    const db = new Database(ctx.services.vault.path, { readonly: true });
    try {
      const { report } = verifyIntegrity(db as never, ctx.services.sodium, ctx.services.vault.referenceSchema(), undefined, { full: true });
      expect(report.ok).toBe(false);
      expect(report.faults).toEqual([{ kind: 'signature_invalid', seq: forged }]);
    } finally {
      db.close();
    }
  });

  it("the head's own Custodia finds it after that unlock (and refuses writes), but its unlock event is already signed", async () => {
    const report = (await ctx.services.integrity.status()).report;
    expect(report.faults).toContainEqual({ kind: 'signature_invalid', seq: forged });
  });

  it("the insider's re-encrypted, re-signed backup of it is refused at restore, naming the event; nothing is installed", async () => {
    const { handle, facts } = station.backup.inspect(forgedBackup);
    expect(facts.signer.keyholderId).toBe(keyholderId(ctx.services, 'administrator'));
    expect(await refusal(() => station.backup.open(handle, keyholderId(ctx.services, 'administrator'), KNOWN.adminPass))).toMatchObject({
      code: 'BACKUP_CORRUPT',
      details: { part: 'integrity', fault: 'signature_invalid', seq: forged },
    });
    expect(station.setup.status().state).toBe('empty');
  }, 60_000);
});

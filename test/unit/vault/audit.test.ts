import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KNOWN, keyholderId, servicesOnCopy } from '../../fixtures/vault';
import type { Services } from '../../../main/services';
import { verifyAuditLog } from '../../../main/vault/audit/verify';

let services: Services;
beforeEach(async () => {
  // founding (1) + three enrollments (2-4) + the golden copy's lock (5) + this unlock (6)
  services = await servicesOnCopy();
  await services.sessions.unlock(keyholderId(services, 'administrator'), KNOWN.adminPass);
});
afterEach(() => services.close());

/** Opens the file as an attacker with write access would: triggers dropped, rows edited directly. */
function attack(sqls: string[]): void {
  const db = new Database(services.vault.path);
  db.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;');
  for (const sql of sqls) db.exec(sql);
  db.close();
}

describe('audit chain verification', () => {
  it('verifies an untouched log and reports its head', () => {
    const result = services.audit.verify();
    expect(result).toMatchObject({ ok: true, events: 6 });
    expect(result.ok && result.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records the actions in order, each signed by its actor', () => {
    const actions = services.vault.require().prepare('SELECT action FROM audit_events ORDER BY seq').pluck().all();
    expect(actions).toEqual(['vault.created', 'keyholder.enrolled', 'keyholder.enrolled', 'keyholder.enrolled', 'vault.locked', 'vault.unlocked']);
  });

  it('the log refuses UPDATE and DELETE through SQL', () => {
    const db = services.vault.require();
    expect(() => db.exec("UPDATE audit_events SET action = 'x' WHERE seq = 1")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_events WHERE seq = 1')).toThrow(/append-only/);
  });

  it('names an edited event', () => {
    attack([`UPDATE audit_events SET details = '{"role":"head","fingerprint":"0000"}' WHERE seq = 3`]);
    expect(services.audit.verify()).toMatchObject({ ok: false, firstBad: { seq: 3, reason: 'hash_mismatch' } });
  });

  it('names the gap left by a deleted event', () => {
    attack(['DELETE FROM audit_events WHERE seq = 4']);
    expect(services.audit.verify()).toMatchObject({ ok: false, firstBad: { seq: 4, reason: 'sequence_gap' } });
  });

  it('names the first of two reordered events', () => {
    attack([
      'UPDATE audit_events SET seq = -2 WHERE seq = 2',
      'UPDATE audit_events SET seq = 2 WHERE seq = 3',
      'UPDATE audit_events SET seq = 3 WHERE seq = -2',
    ]);
    expect(services.audit.verify()).toMatchObject({ ok: false, firstBad: { seq: 2, reason: 'chain_broken' } });
  });

  it('names an event whose signature was altered', () => {
    attack(['UPDATE audit_events SET signature = zeroblob(64) WHERE seq = 5']);
    expect(services.audit.verify()).toMatchObject({ ok: false, firstBad: { seq: 5, reason: 'signature_invalid' } });
  });

  it('names an event re-attributed to another keyholder', () => {
    attack(['UPDATE audit_events SET actor_id = (SELECT actor_id FROM audit_events WHERE seq = 3) WHERE seq = 2']);
    expect(services.audit.verify()).toMatchObject({ ok: false, firstBad: { seq: 2 } });
  });

  it('detects events cut off the end, though the shorter chain is itself consistent', () => {
    attack(['DELETE FROM audit_events WHERE seq >= 5']);
    expect(services.audit.verify()).toMatchObject({ ok: false, events: 4, firstBad: { seq: 5, reason: 'truncated' } });
  });
});

describe('signatures a keyholder already verified', () => {
  /** The background verification after unlock found the chain whole on this keyholder's watch. */
  async function verifiedOnWatch(): Promise<{ seq: number; hash: string; signatures?: string }> {
    const status = await services.integrity.status();
    expect(status.report.ok).toBe(true);
    const head = services.sessions.verifiedHead()!;
    expect(head).toMatchObject({ seq: status.report.events, signatures: expect.stringMatching(/^[0-9a-f]{128}$/) });
    return head;
  }

  const walk = (options: Parameters<typeof verifyAuditLog>[3]) => {
    const stats = { signatures: -1 };
    const result = verifyAuditLog(services.vault.require(), services.sodium, services.sessions.require().keys.audit, { ...options, stats });
    return { result, checked: stats.signatures };
  };

  it('are spared while the chain and their bytes are unchanged; a full walk checks every one', async () => {
    const trusted = await verifiedOnWatch();
    const spared = walk({ trusted });
    expect(spared.result).toMatchObject({ ok: true });
    const events = spared.result.events;
    expect(spared.checked).toBe(events - trusted.seq);
    expect(walk({ trusted, full: true })).toMatchObject({ result: { ok: true, events }, checked: events });
    expect(walk({})).toMatchObject({ checked: events });
    expect(services.audit.verify()).toEqual(spared.result);
  });

  it('are checked again, and the bad one named, when one of them was altered (a signature is not in the hash)', async () => {
    const trusted = await verifiedOnWatch();
    attack(['UPDATE audit_events SET signature = zeroblob(64) WHERE seq = 3']);
    const { result, checked } = walk({ trusted });
    expect(result).toMatchObject({ ok: false, firstBad: { seq: 3, reason: 'signature_invalid' } });
    expect(checked).toBe(lastSeq());
  });

  it('are checked again when a key slot no longer holds the key the signed roster gave it', async () => {
    const trusted = await verifiedOnWatch();
    const other = s().crypto_sign_keypair().publicKey;
    const head = keyholderId(services, 'head');
    attack([`UPDATE keyholders SET sign_public_key = x'${Buffer.from(other).toString('hex')}' WHERE id = '${head}'`]);
    const { result, checked } = walk({ trusted });
    const firstByHead = services.vault.require().prepare('SELECT min(seq) FROM audit_events WHERE actor_id = ?').pluck().get(head) as number;
    expect(result).toMatchObject({ ok: false, firstBad: { seq: firstByHead, reason: 'signature_invalid' } });
    expect(checked).toBe(lastSeq());
  });
});

const s = () => services.sodium;
const lastSeq = () => services.vault.require().prepare('SELECT max(seq) FROM audit_events').pluck().get() as number;

import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, COSIGN_STEPS, auditPayloadSchema, cosignStepOf, isAuditAction } from '../../../shared/audit-actions';
import { CHANGE_KIND_IDS } from '../../../shared/domain';
import { richVault } from '../../fixtures/rich-vault';

/** The audit action catalogue says what the log really holds: every event a vault records is listed there, with its shape. */
describe('the audit action catalogue (shared/audit-actions.ts)', () => {
  it('names each co-signed kind at each step, and every action once', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    for (const kind of CHANGE_KIND_IDS)
      for (const step of ['proposed', 'approved', 'rejected'] as const) expect(cosignStepOf(`${kind}.${step}`)).toEqual({ kind, step });
    expect(cosignStepOf('credential.rotate.applied')).toBeUndefined();
    expect(isAuditAction('constructor.approved')).toBe(false);
    expect(isAuditAction('toString')).toBe(false);
    // A payload of the wrong shape does not pass, so the check of the log below can fail.
    expect(auditPayloadSchema('vault.unlocked')?.safeParse({ subjects: { keyholder: 'k' }, details: {} }).success).toBe(false);
  });

  it('lists every event of a vault written by every workflow, each with the subjects and details it declares', async () => {
    const vault = await richVault();
    const db = new Database(join(vault.dir, 'vault.sqlite'), { readonly: true });
    try {
      const events = db.prepare('SELECT seq, action, subjects, details FROM audit_events ORDER BY seq').all() as {
        seq: number;
        action: string;
        subjects: string;
        details: string;
      }[];
      expect(events.length).toBeGreaterThan(40);
      const misfits = events.filter(
        (e) => !auditPayloadSchema(e.action)?.safeParse({ subjects: JSON.parse(e.subjects), details: JSON.parse(e.details) }).success,
      );
      expect(misfits).toEqual([]);
      // Most of the catalogue is exercised by that vault, so the check above is not an empty one.
      const written = new Set(events.map((e) => e.action));
      expect(written.size).toBeGreaterThan(AUDIT_ACTIONS.length / 2);
      // The staff registry's events (issue 15) among them: every step of its five kinds, and what is confirmed by hand.
      const staffKinds = ['person.register', 'person.update', 'person.depart', 'role.grant', 'role.revoke'] as const;
      const staffEvents = [
        ...staffKinds.flatMap((kind) => COSIGN_STEPS.map((step) => `${kind}.${step}`)),
        'role.applied',
        'device.returned',
        'recovery_code.delivered',
      ];
      expect(staffEvents.filter((action) => !written.has(action))).toEqual([]);
    } finally {
      db.close();
    }
  });
});

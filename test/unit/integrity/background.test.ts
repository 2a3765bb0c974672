import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../main/services';
import { KNOWN, keyholderId, servicesOnCopy } from '../../fixtures/vault';

let services: Services | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

describe('the full verification after unlock', () => {
  it('runs in a worker thread and its report reaches the home screen', async () => {
    services = await servicesOnCopy();
    await services.sessions.unlock(keyholderId(services, 'head'), KNOWN.headPass);
    const status = await services.integrity.status();
    expect(status.report).toMatchObject({ ok: true, faults: [] });
    expect(services.integrity.ranIn()).toBe('worker');
    expect(status.head.short).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
    expect(status.lastVisit).toEqual({ state: 'first' });
    expect(status.report.signatures).toBe(status.report.events);
  });

  it('at the next unlock checks again only the signatures after the head this keyholder’s own verification found whole', async () => {
    services = await servicesOnCopy();
    const head = keyholderId(services, 'head');
    await services.sessions.unlock(head, KNOWN.headPass);
    const first = (await services.integrity.status()).report;
    services.sessions.lock('manual');
    await services.sessions.unlock(head, KNOWN.headPass);
    const second = (await services.integrity.status()).report;
    expect(second).toMatchObject({ ok: true, events: first.events + 2 });
    expect(second.signatures).toBeLessThanOrEqual(3);
    // "Verify now" checks them all again, in the worker.
    const cold = (await services.integrity.status(true)).report;
    expect(cold).toMatchObject({ ok: true, events: second.events, signatures: second.events });
    expect(services.integrity.ranIn()).toBe('worker');
  });

  it('checks them all again, and names the bad one, when a signature before that head was altered (a signature is not in the hash)', async () => {
    services = await servicesOnCopy();
    const head = keyholderId(services, 'head');
    await services.sessions.unlock(head, KNOWN.headPass);
    expect((await services.integrity.status()).report.ok).toBe(true);
    services.sessions.lock('manual');
    const db = new Database(services.vault.path);
    db.exec(`DROP TRIGGER audit_events_no_update;
      UPDATE audit_events SET signature = zeroblob(64) WHERE seq = 2;
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;`);
    db.close();
    await services.sessions.unlock(head, KNOWN.headPass);
    const report = (await services.integrity.status()).report;
    expect(report).toMatchObject({ ok: false, signatures: report.events });
    expect(report.faults).toContainEqual({ kind: 'signature_invalid', seq: 2 });
  });

  it('is dropped with the keys at lock: a waiting screen is told the vault is locked', async () => {
    services = await servicesOnCopy();
    await services.sessions.unlock(keyholderId(services, 'administrator'), KNOWN.adminPass);
    const waiting = services.integrity.status();
    services.sessions.lock('manual');
    await expect(waiting).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    expect(services.integrity.report()).toBeNull();
  });
});

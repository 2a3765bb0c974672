import { cpSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../../main/services';
import { richVault, type RichVault } from '../../../fixtures/rich-vault';
import { ACCOUNTS, FORM_A, KNOWN, removeDir, tempDir } from '../../../fixtures/vault';

/**
 * Issue 18's acceptance, scope 1 and 2: a vault holding every kind of record → backup → a new,
 * empty workstation → restore with a keyholder's passphrase → every screen's data equal, the audit
 * chain verified with the same head; and the backup's bytes hold none of what people typed.
 */
let v: RichVault;
let source: Services;
let restored: Services | undefined;
const folders: string[] = [];
const folder = () => {
  const dir = tempDir('custodia-backup-test-');
  folders.push(dir);
  return dir;
};

beforeAll(async () => {
  v = await richVault();
  const dir = folder();
  cpSync(v.dir, dir, { recursive: true });
  source = await createServices({ dataDir: dir });
  await source.sessions.unlock(v.ids.admin, KNOWN.adminPass);
}, 120_000);
afterAll(async () => {
  await source.close();
  await restored?.close();
  for (const dir of folders) removeDir(dir);
});

/** What the screens read, without writing anything (a reveal is compared apart: it records an exposure). */
function screens(services: Services, upToSeq: number) {
  const accountIds = [v.ids.facebook, v.ids.mailbox, v.ids.archivedAccount, v.ids.pendingAccount];
  return {
    accounts: services.accounts.list(),
    details: accountIds.map((id) => services.accounts.get(id)),
    history: accountIds.map((accountId) => services.credentials.history({ accountId })),
    requests: services.cosign.requests(),
    staff: services.staff.list(),
    people: [v.ids.agency, v.ids.contact, v.ids.leaver].map((id) => services.staff.detail(id)),
    codes: services.recovery.view(v.ids.facebook).codes,
    settings: services.rotation.settings(),
    devices: services.twoStep.devices(),
    incidents: services.incidents.list(),
    audit: services.auditLog
      .list({ limit: 1000 })
      .events.filter((e) => e.seq <= upToSeq)
      .map((e) => ({ seq: e.seq, action: e.action, at: e.at, hash: e.hashShort, actor: e.actor })),
  };
}

describe('backup and restore (issue 18, scope 1 and 2)', () => {
  it('a restored vault shows what the backed-up one showed, its chain verified whole with the same head', async () => {
    const dest = join(folder(), 'respaldo.custodia');
    const admin = source.sessions.require();
    const created = await source.backup.create(admin, dest);
    expect(existsSync(dest)).toBe(true);
    // The backup's own event follows its snapshot: the header names the head before it.
    const events = source.auditLog.list({ limit: 3 }).events;
    expect(events[0]!.action).toBe('backup.created');
    expect(created.chainHead.seq).toBe(events[0]!.seq - 1);
    expect(created.counts.accounts).toBeGreaterThan(3);
    const before = screens(source, created.chainHead.seq);
    const secret = source.credentials.reveal(admin, v.ids.facebook).secret;

    const target = folder();
    restored = await createServices({ dataDir: target });
    expect(restored.setup.status().state).toBe('empty');
    const inspected = restored.backup.inspect(dest);
    expect(inspected.sameVault).toBeNull();
    expect(inspected.facts.chainHead).toEqual(created.chainHead);
    expect(inspected.facts.keyholders.map((k) => k.role).sort()).toEqual(['administrator', 'backup_administrator', 'head']);
    // The incoming administrator's key still waits in a box: they cannot open a backup until their first unlock.
    expect(inspected.facts.keyholders.map((k) => k.id)).not.toContain(v.ids.incoming);
    expect(inspected.facts.signer.keyholderId).toBe(v.ids.admin);

    // Any keyholder of that backup opens it: here the head, whose passphrase the backup was not made with.
    const opened = await restored.backup.open(inspected.handle, v.ids.head, KNOWN.headPass);
    expect(opened.restored).toEqual(opened.header);
    expect(opened.header).toEqual(created.chainHead);
    expect(opened.institution).toEqual({ name: KNOWN.institution, acronym: KNOWN.acronym });
    expect(opened.installable).toBe(true);
    expect(restored.setup.status().state).toBe('empty');

    const installed = restored.backup.install(inspected.handle);
    expect(installed.chainHead).toEqual(created.chainHead);
    expect(restored.setup.status().state).toBe('locked');
    expect(readdirSync(target).filter((n) => n.includes('restoring'))).toEqual([]);

    await restored.sessions.unlock(v.ids.admin, KNOWN.adminPass);
    const report = restored.integrity.verify();
    expect(report.faults).toEqual([]);
    expect(report.ok).toBe(true);
    expect(restored.audit.verify().ok).toBe(true);
    const head = restored.vault.require().prepare('SELECT hash FROM audit_events WHERE seq = ?').pluck().get(created.chainHead.seq) as Buffer;
    expect(head.toString('hex')).toBe(created.chainHead.hash);
    expect(screens(restored, created.chainHead.seq)).toEqual(before);
    expect(restored.credentials.reveal(restored.sessions.require(), v.ids.facebook).secret).toBe(secret);
  }, 120_000);

  it('the backup file holds none of the strings people typed, in any form a grep would find', async () => {
    const dest = join(folder(), 'respaldo.custodia');
    await source.backup.create(source.sessions.require(), dest);
    const secret = source.credentials.reveal(source.sessions.require(), v.ids.facebook).secret;
    const typed = [
      ...Object.values(KNOWN),
      ...Object.values(ACCOUNTS).flatMap((a) => Object.values(a).filter((x) => x.length > 8)),
      ...[FORM_A.description, FORM_A.objective, FORM_A.postingPlan, FORM_A.indicators],
      'JBSWY3DPEHPK3PXP',
      'Zafiroquinta',
      secret,
    ];
    const forms = [...new Set(typed.flatMap((t) => [t, t.normalize('NFD'), t.toUpperCase(), t.toLowerCase()]))];
    const bytes = readFileSync(dest);
    // The check can fail: the vault file itself, if it were not sealed, would show them.
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(forms.filter((t) => bytes.includes(Buffer.from(t, 'utf8')) || bytes.includes(Buffer.from(t, 'utf16le')))).toEqual([]);
    // Nor the plaintext snapshot's own markers: the body is encrypted, not merely the fields.
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(bytes.includes(Buffer.from('CREATE TABLE'))).toBe(false);
  });
});

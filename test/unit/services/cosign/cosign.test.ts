import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../../main/services/vault/session';
import { ACCOUNTS, freshSecret, KNOWN, rawVaultBytes, registerAccount, rotateApplied, SECRETS, unlockedWithActors } from '../../../fixtures/vault';

let ctx: Awaited<ReturnType<typeof unlockedWithActors>>;
let now = Date.parse('2026-11-22T15:00:00Z');
beforeAll(async () => {
  ctx = await unlockedWithActors({ clock: () => new Date(now) });
});
afterAll(() => ctx.services.close());

const newAccount = (name: string) => registerAccount(ctx.services, ctx.admin, ctx.head, { ...ACCOUNTS.facebook, displayName: name });
const propose = (accountId: string, secret: string = freshSecret(), actor: Actor = ctx.admin) =>
  ctx.services.cosign.propose(actor, { accountId, secret, reason: 'scheduled' }).requestId;
const requestStatus = (id: string) => ctx.services.vault.require().prepare('SELECT status FROM change_requests WHERE id = ?').pluck().get(id);
const versionCount = (accountId: string) =>
  ctx.services.vault.require().prepare('SELECT count(*) FROM credential_versions WHERE account_id = ?').pluck().get(accountId);

/** Edits the file directly, as someone with write access but no keys would. */
function tamper(sql: string, ...params: unknown[]): void {
  const db = new Database(ctx.services.vault.path);
  db.prepare(sql).run(...params);
  db.close();
}

describe('co-signed credential change (POL-5)', () => {
  it('propose → head approves → the new version is current, with both people named', async () => {
    const account = newAccount('Cuenta aprobada');
    const requestId = propose(account, SECRETS[0]);
    expect(ctx.services.cosign.pending().find((p) => p.id === requestId)).toMatchObject({
      reason: 'scheduled',
      proposedBy: { role: 'administrator', name: KNOWN.administrator },
      expired: false,
      account: { id: account },
    });
    expect(versionCount(account)).toBe(0);
    const { subjects } = await ctx.services.cosign.approveWithPassphrase(requestId, ctx.head.keyholderId, KNOWN.headPass);
    const versionId = subjects.version!;
    // Authorized, not yet current: the administrator still has to change it on the platform.
    expect(ctx.services.accounts.get(account).currentVersion).toBeNull();
    expect(() => ctx.services.credentials.reveal(ctx.admin, account)).toThrow(expect.objectContaining({ code: 'CREDENTIAL_NONE' }));
    expect(ctx.services.credentials.reveal(ctx.admin, account, 'authorized').secret).toBe(SECRETS[0]);
    ctx.services.rotation.confirmApplied(ctx.admin, account);
    const detail = ctx.services.accounts.get(account);
    expect(detail.currentVersion).toBe(1);
    expect(detail.versions[0]).toMatchObject({
      id: versionId,
      n: 1,
      reason: 'scheduled',
      proposedBy: { name: KNOWN.administrator },
      authorizedBy: { name: KNOWN.head, role: 'head' },
    });
    expect(requestStatus(requestId)).toBe('approved');
    expect(ctx.services.credentials.verifyVersion(versionId)).toEqual({ ok: true });
    expect(ctx.services.credentials.reveal(ctx.admin, account)).toEqual({ secret: SECRETS[0], versionN: 1, hideAfterSeconds: 30 });
    const approved = ctx.services.vault
      .require()
      .prepare("SELECT actor_id FROM audit_events WHERE action = 'credential.rotate.approved' ORDER BY seq DESC LIMIT 1")
      .pluck()
      .get();
    expect(approved).toBe(ctx.head.keyholderId);
  });

  it('a second approved change becomes current and the first stays in history', async () => {
    const account = newAccount('Cuenta con dos versiones');
    rotateApplied(ctx, account);
    now += 60_000;
    rotateApplied(ctx, account, SECRETS[1], ctx.backup);
    expect(ctx.services.accounts.get(account).versions.map((v) => [v.n, v.proposedBy.role])).toEqual([
      [2, 'backup_administrator'],
      [1, 'administrator'],
    ]);
    expect(ctx.services.credentials.reveal(ctx.admin, account).secret).toBe(SECRETS[1]);
  });

  it('propose → head rejects with a reason: nothing becomes current, the rejection is signed', async () => {
    const account = newAccount('Cuenta rechazada');
    const requestId = propose(account);
    await ctx.services.cosign.rejectWithPassphrase(requestId, ctx.head.keyholderId, KNOWN.headPass, 'No coincide con el plan de rotación');
    expect(requestStatus(requestId)).toBe('rejected');
    expect(versionCount(account)).toBe(0);
    expect(() => ctx.services.credentials.reveal(ctx.admin, account)).toThrow(expect.objectContaining({ code: 'CREDENTIAL_NONE' }));
    const raw = ctx.services.vault.require().prepare('SELECT decision_reason, decision_signature FROM change_requests WHERE id = ?').get(requestId) as {
      decision_reason: Buffer;
      decision_signature: Buffer;
    };
    expect(raw.decision_signature).toHaveLength(64);
    expect(raw.decision_reason.includes(Buffer.from('plan de rotación'))).toBe(false);
  });

  it('refuses self-approval', () => {
    const requestId = propose(newAccount('Autoaprobación'));
    expect(() => ctx.services.cosign.approve(requestId, ctx.admin)).toThrow(expect.objectContaining({ code: 'COSIGN_SELF_APPROVAL', rule: 'POL-5' }));
    expect(() => ctx.services.cosign.reject(requestId, ctx.admin, 'x')).toThrow(expect.objectContaining({ code: 'COSIGN_SELF_APPROVAL' }));
    expect(requestStatus(requestId)).toBe('pending');
  });

  it('refuses an approver who is not the office head, and a head who proposes', () => {
    const account = newAccount('Roles');
    expect(() => ctx.services.cosign.approve(propose(account), ctx.backup)).toThrow(
      expect.objectContaining({ code: 'COSIGN_ROLE', rule: 'POL-5', details: { role: 'backup_administrator', as: 'approver', kind: 'credential.rotate' } }),
    );
    expect(() => propose(account, SECRETS[0], ctx.head)).toThrow(
      expect.objectContaining({ code: 'COSIGN_ROLE', rule: 'POL-5', details: { role: 'head', as: 'proposer', kind: 'credential.rotate' } }),
    );
  });

  it('refuses an expired request', () => {
    const requestId = propose(newAccount('Vencida'));
    now += 24 * 3_600_000;
    expect(ctx.services.cosign.pending().find((p) => p.id === requestId)?.expired).toBe(true);
    expect(() => ctx.services.cosign.approve(requestId, ctx.head)).toThrow(expect.objectContaining({ code: 'COSIGN_EXPIRED' }));
    expect(requestStatus(requestId)).toBe('pending');
  });

  it('refuses a second decision on the same request', () => {
    const requestId = propose(newAccount('Doble decisión'));
    ctx.services.cosign.approve(requestId, ctx.head);
    expect(() => ctx.services.cosign.approve(requestId, ctx.head)).toThrow(expect.objectContaining({ code: 'COSIGN_DECIDED' }));
    expect(() => ctx.services.cosign.reject(requestId, ctx.head, 'tarde')).toThrow(expect.objectContaining({ code: 'COSIGN_DECIDED' }));
  });

  it('refuses at apply time a request whose stored digest was altered', () => {
    const account = newAccount('Resumen alterado');
    const requestId = propose(account);
    tamper('UPDATE change_requests SET digest = zeroblob(32) WHERE id = ?', requestId);
    // The row no longer matches the digest its signed proposal event recorded (issue 10), before the request's own digest is even read.
    expect(() => ctx.services.cosign.approve(requestId, ctx.head)).toThrow(
      expect.objectContaining({ code: 'VAULT_TAMPERED', details: { part: 'row', table: 'change_requests', key: JSON.stringify([requestId]) } }),
    );
    expect(versionCount(account)).toBe(0);
    expect(requestStatus(requestId)).toBe('pending');
  });

  it('refuses at apply time a request whose proposer signature was altered or moved from another request', () => {
    const account = newAccount('Firma alterada');
    const requestId = propose(account);
    const other = propose(newAccount('Otra firma'));
    tamper('UPDATE change_requests SET proposer_signature = (SELECT proposer_signature FROM change_requests WHERE id = ?) WHERE id = ?', other, requestId);
    expect(() => ctx.services.cosign.approve(requestId, ctx.head)).toThrow(
      expect.objectContaining({ code: 'VAULT_TAMPERED', details: { part: 'row', table: 'change_requests', key: JSON.stringify([requestId]) } }),
    );
    expect(versionCount(account)).toBe(0);
  });

  it('refuses at apply time a request re-attributed to another proposer', () => {
    const requestId = propose(newAccount('Reatribuida'));
    tamper('UPDATE change_requests SET proposed_by = ? WHERE id = ?', ctx.backup.keyholderId, requestId);
    expect(() => ctx.services.cosign.approve(requestId, ctx.head)).toThrow(
      expect.objectContaining({ code: 'VAULT_TAMPERED', details: { part: 'row', table: 'change_requests', key: JSON.stringify([requestId]) } }),
    );
  });

  it('refuses a sealed payload that was altered', () => {
    const requestId = propose(newAccount('Carga alterada'));
    const payload = ctx.services.vault.require().prepare('SELECT payload FROM change_requests WHERE id = ?').pluck().get(requestId) as Buffer;
    payload[40]! ^= 1;
    tamper('UPDATE change_requests SET payload = ? WHERE id = ?', payload, requestId);
    expect(() => ctx.services.cosign.approve(requestId, ctx.head)).toThrow(
      expect.objectContaining({ code: 'VAULT_TAMPERED', details: { part: 'row', table: 'change_requests', key: JSON.stringify([requestId]) } }),
    );
  });

  it('detects an approval signature altered after the fact', () => {
    const requestId = propose(newAccount('Aprobación alterada'));
    const versionId = ctx.services.cosign.approve(requestId, ctx.head).subjects.version!;
    tamper('UPDATE change_requests SET decision_signature = proposer_signature WHERE id = ?', requestId);
    expect(ctx.services.credentials.verifyVersion(versionId)).toEqual({ ok: false, part: 'approver_signature' });
  });

  it('a wrong passphrase in the co-sign dialog changes nothing', async () => {
    const requestId = propose(newAccount('Frase equivocada'));
    await expect(ctx.services.cosign.approveWithPassphrase(requestId, ctx.head.keyholderId, 'no es la frase del jefe')).rejects.toMatchObject({
      code: 'UNLOCK_FAILED',
    });
    expect(requestStatus(requestId)).toBe('pending');
    now += 2_000; // past the one-second delay after a failure
  });

  it('refuses a proposal for an unknown account', () => {
    expect(() => propose('5b4c1e4e-0c7a-4c1e-9a51-0f1f7b1b2c3d')).toThrow(expect.objectContaining({ code: 'ACCOUNT_UNKNOWN' }));
  });
});

describe('reveal and copy', () => {
  it('each read is an exposure of that version to that keyholder and an audit event', async () => {
    const account = newAccount('Lecturas');
    rotateApplied(ctx, account, SECRETS[2]);
    ctx.services.credentials.reveal(ctx.backup, account);
    await expect(ctx.services.credentials.copy(ctx.admin, account)).resolves.toEqual({ clearAfterSeconds: 30 });
    const exposures = ctx.services.vault
      .require()
      .prepare(
        'SELECT e.keyholder_id AS who, e.how FROM exposures e JOIN credential_versions v ON v.id = e.credential_version_id WHERE v.account_id = ? ORDER BY e.rowid',
      )
      .all(account);
    expect(exposures).toEqual([
      { who: ctx.backup.keyholderId, how: 'revealed' },
      { who: ctx.admin.keyholderId, how: 'copied' },
    ]);
    const actions = ctx.services.vault.require().prepare('SELECT action, actor_id FROM audit_events ORDER BY seq DESC LIMIT 2').all();
    expect(actions).toEqual([
      { action: 'credential.copied', actor_id: ctx.admin.keyholderId },
      { action: 'credential.revealed', actor_id: ctx.backup.keyholderId },
    ]);
  });
});

describe('history', () => {
  it('filters the vault-wide rotation history by account, person and reason', () => {
    const account = newAccount('Historial');
    ctx.services.cosign.approve(ctx.services.cosign.propose(ctx.backup, { accountId: account, secret: freshSecret(), reason: 'incident' }).requestId, ctx.head);
    const byAccount = ctx.services.credentials.history({ accountId: account });
    expect(byAccount).toHaveLength(1);
    expect(byAccount[0]).toMatchObject({
      account: { displayName: 'Historial' },
      reason: 'incident',
      proposedBy: { name: KNOWN.backup },
      authorizedBy: { name: KNOWN.head },
    });
    expect(ctx.services.credentials.history({ reason: 'incident' }).every((r) => r.reason === 'incident')).toBe(true);
    const byBackup = ctx.services.credentials.history({ keyholderId: ctx.backup.keyholderId });
    expect(byBackup.length).toBeGreaterThan(0);
    expect(byBackup.every((r) => r.proposedBy.keyholderId === ctx.backup.keyholderId || r.authorizedBy.keyholderId === ctx.backup.keyholderId)).toBe(true);
    expect(ctx.services.credentials.history({ from: '2030-01-01' })).toEqual([]);
  });
});

describe('at rest', () => {
  it('the audit chain still verifies and the raw file holds no account name, handle, e-mail or password', () => {
    const mailbox = registerAccount(ctx.services, ctx.admin, ctx.head, ACCOUNTS.mailbox);
    registerAccount(ctx.services, ctx.admin, ctx.head, { ...ACCOUNTS.facebook, linkedEmailAccountId: mailbox });
    expect(ctx.services.accounts.list('Página Oficial')).toHaveLength(1);
    expect(ctx.services.audit.verify().ok).toBe(true);
    const raw = rawVaultBytes(ctx.services);
    for (const text of [
      ACCOUNTS.facebook.displayName,
      ACCOUNTS.facebook.handle,
      ACCOUNTS.facebook.loginIdentifier,
      ACCOUNTS.mailbox.displayName,
      'ZafiroquintaOficial',
      ...SECRETS,
    ]) {
      expect(raw.includes(Buffer.from(text)), text).toBe(false);
    }
  });
});

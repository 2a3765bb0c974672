import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sealJson } from '../../../../main/vault/fields';
import { accountChanges } from '../../../../shared/lifecycle';
import { FORM_A, freshSecret, registerAccount } from '../../../fixtures/vault';
import { lifecycleContext, refusalOf, SUPPORT, type LifecycleContext } from './lifecycle.context';

/**
 * The lifecycle as an attacker at the workstation tries it (issue 17): a request's sealed payload
 * swapped after it was signed, an account flipped from «en trámite» or archived to active, or its
 * Formulario A edited, with sqlite3 on the file. Each is refused or named by the verification.
 */
let ctx: LifecycleContext;
beforeEach(async () => {
  ctx = await lifecycleContext();
});
afterEach(() => ctx.services.close());

const payloadRef = (id: string) => ({ table: 'change_requests', rowId: id, column: 'payload', version: 1 });
/** Re-seals a request's payload with other content (the attacker holds the vault key while unlocked) and writes it with sqlite3. */
function swapPayload(requestId: string, payload: unknown) {
  const box = sealJson(ctx.services.sodium, ctx.services.sessions.require().keys.records, payloadRef(requestId), payload);
  ctx.editFile('UPDATE change_requests SET payload = ? WHERE id = ?', Buffer.from(box), requestId);
}
const faultsOf = () => ctx.services.integrity.verify().faults;
const { platform: _platform, ...fields } = SUPPORT;

describe('a payload changed after signing is refused by its digest (or its row), and nothing is applied', () => {
  it('alta: another login swapped in', () => {
    const { accountId, requestId } = ctx.requestAlta(SUPPORT);
    swapPayload(requestId, { account: { ...SUPPORT, loginIdentifier: 'otro@zafiroquinta.gob.pe' }, form: FORM_A, secret: null, note: null });
    expect(['VAULT_TAMPERED', 'COSIGN_INTEGRITY']).toContain(refusalOf(() => ctx.services.cosign.approve(requestId, ctx.head)).code);
    expect(ctx.statusOf(accountId)).toBe('pending');
  });

  it('modificación: another handle swapped in', () => {
    const accountId = registerAccount(ctx.services, ctx.admin, ctx.head, SUPPORT);
    const { requestId } = ctx.services.lifecycle.requestModify(ctx.admin, { accountId, account: accountChanges.parse({ ...fields, handle: '@uno' }) });
    swapPayload(requestId, { account: { ...fields, handle: '@atacante' }, form: null, from: { account: {}, form: null }, note: null });
    expect(['VAULT_TAMPERED', 'COSIGN_INTEGRITY']).toContain(refusalOf(() => ctx.services.cosign.approve(requestId, ctx.head)).code);
    expect(ctx.services.accounts.get(accountId).handle).toBe(SUPPORT.handle);
  });

  it('baja: another password swapped in', () => {
    const accountId = registerAccount(ctx.services, ctx.admin, ctx.head, SUPPORT);
    const { requestId } = ctx.services.lifecycle.requestDecommission(ctx.admin, { accountId, secret: freshSecret() });
    swapPayload(requestId, { secret: freshSecret(), note: null });
    expect(['VAULT_TAMPERED', 'COSIGN_INTEGRITY']).toContain(refusalOf(() => ctx.services.cosign.approve(requestId, ctx.head)).code);
    expect(ctx.services.accounts.get(accountId).versions).toEqual([]);
  });
});

describe('sqlite3 edits of the lifecycle are named', () => {
  it('an account «en trámite» flipped to active: named by the verification, and a change on it refused at approval', () => {
    const { accountId } = ctx.requestAlta(SUPPORT);
    ctx.editFile(`UPDATE accounts SET status = 'active' WHERE id = ?`, accountId);
    // Before any verification: the proposal reads the flipped status; the head's approval checks the row against the log first.
    const { requestId } = ctx.services.cosign.propose(ctx.admin, { accountId, secret: freshSecret(), reason: 'creation' });
    expect(refusalOf(() => ctx.services.cosign.approve(requestId, ctx.head))).toMatchObject({ code: 'VAULT_TAMPERED' });
    expect(ctx.services.accounts.get(accountId).versions).toEqual([]);
    expect(faultsOf()).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'row_altered', table: 'accounts' })]));
  });

  it('an archived account brought back to active is named', () => {
    const accountId = registerAccount(ctx.services, ctx.admin, ctx.head, SUPPORT);
    const baja = ctx.services.lifecycle.requestDecommission(ctx.admin, { accountId, secret: freshSecret() });
    ctx.services.cosign.approve(baja.requestId, ctx.head);
    ctx.services.rotation.confirmApplied(ctx.admin, accountId);
    expect(faultsOf()).toEqual([]);
    ctx.editFile(`UPDATE accounts SET status = 'active' WHERE id = ?`, accountId);
    expect(faultsOf()).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'row_altered', table: 'accounts' })]));
  });

  it('a Formulario A edited, erased, or its verification marked verified, is named', () => {
    const accountId = registerAccount(ctx.services, ctx.admin, ctx.head, SUPPORT);
    for (const sql of [
      `UPDATE account_lifecycle SET form_a = NULL WHERE account_id = ?`,
      `UPDATE account_lifecycle SET verification = 'verified' WHERE account_id = ?`,
      `DELETE FROM account_lifecycle WHERE account_id = ?`,
    ]) {
      ctx.editFile(sql, accountId);
      expect(faultsOf(), sql).toEqual(expect.arrayContaining([expect.objectContaining({ table: 'account_lifecycle' })]));
    }
  });
});

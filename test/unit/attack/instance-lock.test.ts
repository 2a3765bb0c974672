import { chmodSync, linkSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freshSecret, freshServices, KNOWN } from '../../fixtures/vault';
import { exited, holdVault, runSteps } from '../../fixtures/child';
import { call, keyholderIds, Leftovers, tableOf, valueOf, vaultCopy } from './helpers';
import { ALTA_FORM } from '../../fixtures/payloads';

/**
 * Issue 11, "one instance per vault" (design.md §4): while one process holds a vault, a second one
 * gets VAULT_IN_USE, whatever an insider at the workstation does to the lock file, to its holder
 * record or to the path the second process opens the vault by. Tests named "fixed finding" are attacks that once
 * got past the lock; they guard against their return.
 */
const left = new Leftovers();
afterEach(() => left.clean());

const inUse = { ok: true, value: { state: 'unavailable', keyholders: [], error: { code: 'VAULT_IN_USE' } } };

async function opened(dir: string) {
  const services = await freshServices(dir);
  left.services.push(services);
  return services;
}

describe('a second process is refused while the first holds the vault', () => {
  it('by whatever path it names the same folder: a symlinked folder, dir/./, dir//, a bind mount', async () => {
    const dir = await vaultCopy(left);
    left.children.push(await holdVault(dir));
    const link = join(left.dir(), 'link');
    symlinkSync(dir, link);
    const bind = left.dir('custodia-attack-bind-');
    execFileSync('mount', ['--bind', dir, bind]);
    left.mounts.push(bind);
    const paths = [link, `${dir}/./`, `${dir}//`, bind];
    const results = runSteps(
      link,
      paths.flatMap((path, i) => [
        ...(i ? [['open', { dir: path }] as [string, Record<string, unknown>]] : []),
        ['vault.status', {}] as [string, Record<string, unknown>],
      ]),
      { withoutOverride: false },
    );
    expect(results).toHaveLength(paths.length);
    results.forEach((r, i) => expect(r.result, paths[i]).toMatchObject(inUse));
  });

  it('a truncated lock file, a lock file chmod-ed to 000, garbage or a forged pid in vault.lock.holder: still refused; with the holder gone the vault opens', async () => {
    const dir = await vaultCopy(left);
    const holder = await holdVault(dir);
    left.children.push(holder);
    const [truncated, unreadable, unlock, garbage, forged] = runSteps(dir, [
      ['fs.write', { path: 'vault.lock', text: '' }],
      ['vault.status', {}],
      ['fs.chmod', { path: 'vault.lock', mode: 0o000 }],
      ['vault.status', {}],
      ['vault.unlock', { keyholderId: '00000000-0000-4000-8000-000000000000', passphrase: 'x' }],
      ['fs.chmod', { path: 'vault.lock', mode: 0o600 }],
      ['fs.write', { path: 'vault.lock.holder', text: '\u0000{"pid": garbage' }],
      ['vault.status', {}],
      ['fs.write', { path: 'vault.lock.holder', text: JSON.stringify({ pid: 1, startedAt: '1970-01-01T00:00:00.000Z', host: 'elsewhere' }) }],
      ['vault.status', {}],
    ]);
    // The kernel's lock is on the open file, not on its bytes.
    expect(truncated!.result).toMatchObject(inUse);
    // A lock file it cannot open: not the VAULT_IN_USE the person should read (it says the folder cannot be read), but refused.
    expect(unreadable!.result).toMatchObject({ ok: true, value: { state: 'unavailable', keyholders: [] } });
    expect(['VAULT_IN_USE', 'STORAGE_UNREADABLE']).toContain((unreadable!.result.value as { error: { code: string } }).error.code);
    expect(unlock!.result.ok).toBe(false);
    expect(unlock!.session).toBe(false);
    // The holder record only feeds the details shown; the decision is the kernel's.
    expect(garbage!.result).toMatchObject({ value: { state: 'unavailable', error: { code: 'VAULT_IN_USE', details: { pid: '—' } } } });
    expect(forged!.result).toMatchObject({ ...inUse, value: { ...inUse.value, error: { code: 'VAULT_IN_USE', details: { pid: 1 } } } });

    holder.kill('SIGKILL');
    await exited(holder);
    // A record naming a live process (this very one) keeps nobody out once no process holds the lock.
    writeFileSync(join(dir, 'vault.lock.holder'), JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), host: 'vm' }));
    expect((await opened(dir)).setup.status().state).toBe('locked');
  });
});

describe('fixed findings: ways past the lock', () => {
  it('fixed finding: deleting vault.lock while the vault is held lets a second process open it, and both write the same vault', async () => {
    const dir = await vaultCopy(left);
    const first = await opened(dir);
    const table = tableOf(first);
    const { administrator, head } = keyholderIds(first);
    valueOf(await call(table, 'vault.unlock', { keyholderId: administrator, passphrase: KNOWN.adminPass }));
    const { accountId, requestId: alta } = valueOf<{ accountId: string; requestId: string }>(
      await call(table, 'accounts.register', { account: { platform: 'facebook', kind: 'principal', displayName: 'Cuenta del primero' }, form: ALTA_FORM }),
    );
    // In force once the head authorizes its alta (LIFE-1).
    valueOf(await call(table, 'cosign.approve', { requestId: alta, approverId: head, passphrase: KNOWN.headPass }));
    const { requestId } = valueOf<{ requestId: string }>(await call(table, 'credentials.propose', { accountId, secret: freshSecret(), reason: 'creation' }));

    rmSync(join(dir, 'vault.lock'));
    const [seen, unlock, registered, approved] = runSteps(
      dir,
      [
        ['vault.status', {}],
        ['vault.unlock', { keyholderId: administrator, passphrase: KNOWN.adminPass }],
        ['accounts.register', { account: { platform: 'x', kind: 'principal', displayName: 'Cuenta del segundo' }, form: ALTA_FORM }],
        ['cosign.approve', { requestId, approverId: head, passphrase: KNOWN.headPass }],
      ],
      { withoutOverride: false },
    );
    // Today the second process sees "locked", unlocks, registers an account and applies the first one's request.
    expect.soft(seen!.result, 'second process, vault.status').toMatchObject(inUse);
    expect.soft(unlock!.result.ok, 'second process, vault.unlock').toBe(false);
    expect.soft(registered!.result.ok, 'second process, accounts.register').toBe(false);
    expect.soft(approved!.result.ok, 'second process, cosign.approve').toBe(false);
    // The first process believes it is alone: the head's approval there finds the request already decided.
    expect
      .soft(await call(table, 'cosign.approve', { requestId, approverId: head, passphrase: KNOWN.headPass }), 'first process, cosign.approve')
      .toMatchObject({ ok: true });
    const names = valueOf<{ displayName: string }[]>(await call(table, 'accounts.list', {})).map((a) => a.displayName);
    expect.soft(names, 'first process, accounts.list').not.toContain('Cuenta del segundo');
    // (The chain itself stays whole here: SQLite serialized the two writers.)
    expect(await call(table, 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
  });

  it.each([
    ['renamed over by a new file', (lock: string) => (writeFileSync(`${lock}.new`, ''), renameSync(`${lock}.new`, lock))],
    ['replaced by a symlink to a new file', (lock: string) => (rmSync(lock), writeFileSync(`${lock}.elsewhere`, ''), symlinkSync(`${lock}.elsewhere`, lock))],
  ])('fixed finding: vault.lock %s while the vault is held lets a second instance open it', async (_how, replace) => {
    const dir = await vaultCopy(left);
    const first = await opened(dir);
    expect(first.setup.status().state).toBe('locked');
    replace(join(dir, 'vault.lock'));
    // A second instance (in this process: without the replacement it is refused like another process, see test/unit/services/vault/instance-lock.test.ts).
    const second = await opened(dir);
    expect(second.setup.status()).toMatchObject(inUse.value);
  });

  it('fixed finding: a vault.lock made read-only before start lets two processes hold the vault at once', async () => {
    const dir = await vaultCopy(left);
    writeFileSync(join(dir, 'vault.lock'), '');
    chmodSync(join(dir, 'vault.lock'), 0o444);
    // Both as the office's account runs them (root's override dropped): SQLite opens the lock file read-only and BEGIN EXCLUSIVE locks nothing.
    left.children.push(await holdVault(dir, { withoutOverride: true }));
    const [seen] = runSteps(dir, [['vault.status', {}]]);
    expect(seen!.result).toMatchObject(inUse);
  });

  it('a vault file with a hard link in another folder (a second door with its own lock, WAL and index) is refused through both names, untouched', async () => {
    const dir = await vaultCopy(left);
    const other = left.dir('custodia-attack-hardlink-');
    linkSync(join(dir, 'vault.sqlite'), join(other, 'vault.sqlite'));
    const before = readFileSync(join(dir, 'vault.sqlite'));
    for (const folder of [dir, other]) {
      expect((await opened(folder)).setup.status()).toMatchObject({ state: 'unavailable', error: { code: 'VAULT_IN_USE', details: { reason: 'linked' } } });
    }
    const [seen] = runSteps(other, [['vault.status', {}]], { withoutOverride: false });
    expect(seen!.result).toMatchObject({ ok: true, value: { state: 'unavailable', error: { code: 'VAULT_IN_USE', details: { reason: 'linked' } } } });
    expect(readFileSync(join(dir, 'vault.sqlite')).equals(before)).toBe(true);
    // The link removed, the vault opens.
    rmSync(join(other, 'vault.sqlite'));
    const again = await opened(dir);
    expect(again.setup.status().state).toBe('locked');
  });

  it('fixed finding: a symlink planted at vault.lock.holder makes merely opening the vault overwrite the file it points to (here the vault itself)', async () => {
    const dir = await vaultCopy(left);
    const file = join(dir, 'vault.sqlite');
    const before = readFileSync(file);
    symlinkSync(file, join(dir, 'vault.lock.holder'));
    const state = (await opened(dir)).setup.status().state;
    expect.soft(readFileSync(file).subarray(0, 16).toString('latin1'), 'first bytes of vault.sqlite').toBe('SQLite format 3\u0000');
    expect.soft(state, 'vault.status').toBe('locked');
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

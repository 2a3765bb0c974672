import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExportService, type ExportFilesPort } from '../../../../main/services/export/exports';
import type { KdbxCost } from '../../../../main/services/export/kdbx-writer';
import { ACCOUNTS, freshSecret, registerAccount, rotateApplied, unlockedWithActors } from '../../../fixtures/vault';

/**
 * Shared by the export tests (issue 18, scope 5): a vault with accounts, passwords and a seed, a clock
 * the test moves forward, and the KeePass export with a light Argon2id (production's is 64 MiB × 3
 * passes, EXPORT_KDF; one test writes with it and reads the header back).
 */
export const LIGHT_KDF: KdbxCost = { memoryBytes: 1024 * 1024, iterations: 1, parallelism: 1 };
export const FILE_PASS = 'cóndor pizarra nublada 81 ribera';
export const SEED = 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ';

export const tempDir = () => mkdtempSync(join(tmpdir(), 'custodia-export-'));

export async function exportVault(start = new Date('2026-11-22T15:00:00Z')) {
  let now = start;
  const ctx = await unlockedWithActors({ clock: () => now });
  const { services, admin, head } = ctx;
  const mailbox = registerAccount(services, admin, head, ACCOUNTS.mailbox);
  const facebook = registerAccount(services, admin, head, { ...ACCOUNTS.facebook, linkedEmailAccountId: mailbox, notes: 'Página principal de la oficina' });
  const noPassword = registerAccount(services, admin, head, {
    platform: 'tiktok',
    kind: 'principal',
    displayName: 'Campaña Quenual sin contraseña',
    loginIdentifier: 'campana.quenual@zafiroquinta.gob.pe',
  });
  const secrets = { mailbox: freshSecret(), facebook: freshSecret() };
  rotateApplied(ctx, mailbox, secrets.mailbox);
  rotateApplied(ctx, facebook, freshSecret());
  rotateApplied(ctx, facebook, secrets.facebook);
  services.cosign.approve(services.totp.propose(admin, facebook, { secret: SEED, issuer: 'Facebook', label: 'prensa' }).requestId, head);
  let chosen: string | null = null;
  const files: ExportFilesPort = async () => chosen;
  const exporter = new ExportService(services.sodium, services.vault, services.sessions, services.cosign, services.integrity, () => now, files, LIGHT_KDF);
  return {
    ...ctx,
    ids: { mailbox, facebook, noPassword },
    secrets,
    exporter,
    /** Where the next save dialog «answers» (null: cancelled). */
    choose: (path: string | null) => (chosen = path),
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
    now: () => now,
  };
}

/** keepassxc-cli (Debian's keepassxc 2.7.4) with the file's passphrase on stdin. */
export const cli = (args: string[], input = `${FILE_PASS}\n`) =>
  execFileSync('keepassxc-cli', args, { input, stdio: ['pipe', 'pipe', 'pipe'] }).toString('utf8');

export const oathtool = (secret: string, at: Date) =>
  execFileSync('oathtool', [
    '--totp',
    '-b',
    secret,
    '--now',
    at
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, ' UTC'),
  ])
    .toString()
    .trim();

import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ImportCounts } from '../../../shared/import';
import type { KdbxPreview, KdbxProposal, KdbxRowView, kdbxPreviewRequest, kdbxProposeRequest } from '../../../shared/kdbx-import';
import type { PlatformId } from '../../../shared/platforms';
import { CustodiaError } from '../../domain/errors';
import { checkEntry } from '../../domain/import/kdbx-entries';
import { verdictOf, type RowDraft } from '../../domain/import/rows';
import { readInstitution } from '../../vault/repositories/institution';
import type { Sodium } from '../../vault/sodium';
import type { AccountService } from '../accounts/accounts';
import type { CosignService } from '../cosign';
import { inventoryImport, type InventoryEntry } from '../cosign/kinds/inventory-import';
import { requireAction } from '../vault/roles';
import type { Actor, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';
import { readKdbx } from './kdbx-file';
import { judgePasswords, type ImportPolicy } from './passwords';
import { StrengthPool } from './strength-pool';

type Draft = RowDraft & { accountId: string; label: string };

/**
 * Import from KeePass (issue 18, scope 4). `preview` opens the KDBX 4 file with its passphrase,
 * judges every entry as a spreadsheet row is judged (SEC-2, POL-1..3, TOTP) and writes nothing;
 * `propose` opens and judges it again and proposes the importable entries as one «inventario
 * inicial» (the same co-signed kind as the spreadsheet's), in force only once the Jefe de la
 * Oficina approves it (POL-5, LIFE-1). Entries' history is not imported: the vault's versions are
 * its own (each authorized and applied); the current password becomes version 1.
 */
export class KdbxImportService {
  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly cosign: CosignService,
    private readonly policy: ImportPolicy,
    private readonly accounts: AccountService,
    /** Where POL-1/2 run over the file's passwords (./strength-pool.ts): one pool for both imports, stopped at lock. */
    private readonly pool: StrengthPool = new StrengthPool(),
  ) {}

  async preview(actor: Actor, request: z.output<typeof kdbxPreviewRequest>): Promise<KdbxPreview> {
    requireAction(actor, 'import.propose');
    return (await this.analyse(request)).preview;
  }

  async propose(actor: Actor, request: z.output<typeof kdbxProposeRequest>): Promise<KdbxProposal> {
    requireAction(actor, 'import.propose');
    const { preview, drafts } = await this.analyse(request);
    // The session is read again after the KDF's wait: a lock meanwhile refuses the proposal.
    const proposer = this.sessions.require();
    if (proposer.keyholderId !== actor.keyholderId) throw new CustodiaError('VAULT_LOCKED');
    const entries: InventoryEntry[] = drafts
      .filter((d) => verdictOf(d) !== 'refused')
      .map((d) => ({ accountId: d.accountId, row: d.row, account: d.account!, secret: d.secret, seed: d.seed, rotateNow: verdictOf(d) === 'rotate_now' }));
    if (entries.length === 0) throw new CustodiaError('IMPORT_NOTHING', { refused: preview.counts.refused });
    const { requestId } = this.cosign.proposeChange(inventoryImport, actor, null, { entries, note: request.note || null });
    this.accounts.registryChanged();
    return { requestId, accountIds: entries.map((e) => e.accountId), preview };
  }

  private async analyse(request: z.output<typeof kdbxPreviewRequest>): Promise<{ preview: KdbxPreview; drafts: Draft[] }> {
    this.sessions.require();
    // POL-1/2's workers start now: the file's KDF and parsing cover their start (./strength-pool.ts).
    this.pool.warm(this.policy.rules().dictionary.lexicon);
    const read = await readKdbx(request.file, request.passphrase);
    if (read.entries.length === 0) throw new CustodiaError('IMPORT_KDBX_INVALID', { reason: 'empty' });
    const session = this.sessions.require();
    const db = this.vault.require();
    const institution = readInstitution(db, this.s, session.keys.records)!;
    const choice = {
      groups: new Map<string, PlatformId>(request.groupPlatforms.map((g) => [g.group, g.platform])),
      fallback: request.defaultPlatform ?? null,
    };
    const drafts: Draft[] = read.entries.map((entry) => ({
      ...checkEntry(entry, choice, institution.emailDomains),
      accountId: randomUUID(),
      label: [...entry.groupPath, entry.title].join('/'),
    }));
    await judgePasswords(drafts, { s: this.s, keys: session.keys, policy: this.policy, pool: this.pool });

    const rows = drafts.map((d): KdbxRowView => ({
      row: d.row,
      label: d.label,
      verdict: verdictOf(d),
      problems: d.problems,
      account: d.account && { platform: d.account.platform, displayName: d.account.displayName, withPassword: d.secret !== null, withTotp: d.seed !== null },
    }));
    const groups = new Map<string, number>();
    for (const e of read.entries) groups.set(e.groupPath.join('/'), (groups.get(e.groupPath.join('/')) ?? 0) + 1);
    const preview: KdbxPreview = {
      version: read.version,
      groups: [...groups].map(([path, entries]) => ({ path, entries })),
      rows,
      counts: countsOf(rows),
    };
    return { preview, drafts };
  }
}

function countsOf(rows: readonly KdbxRowView[]): ImportCounts {
  const kept = rows.filter((r) => r.verdict !== 'refused');
  return {
    rows: rows.length,
    ok: rows.filter((r) => r.verdict === 'ok').length,
    rotateNow: rows.filter((r) => r.verdict === 'rotate_now').length,
    refused: rows.length - kept.length,
    withPassword: kept.filter((r) => r.account?.withPassword).length,
    withTotp: kept.filter((r) => r.account?.withTotp).length,
  };
}

import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  IMPORT_MAX_COLUMNS,
  IMPORT_MAX_ROWS,
  type CsvPreview,
  type CsvProposal,
  type csvPreviewRequest,
  type csvProposeRequest,
  type ImportRowView,
} from '../../../shared/import';
import { CustodiaError } from '../../domain/errors';
import { readCsv } from '../../domain/import/csv';
import { columnViews, resolveMapping, type ResolvedMapping } from '../../domain/import/mapping';
import { checkRow, isBlank, verdictOf, type RowDraft } from '../../domain/import/rows';
import { listAccounts } from '../../vault/repositories/accounts';
import { readInstitution } from '../../vault/repositories/institution';
import type { Sodium } from '../../vault/sodium';
import type { AccountService } from '../accounts/accounts';
import type { CosignService } from '../cosign';
import { inventoryImport, type InventoryEntry } from '../cosign/kinds/inventory-import';
import { requireAction } from '../vault/roles';
import type { Actor, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';
import { linkMailboxes } from './linking';
import { judgePasswords, type ImportPolicy } from './passwords';
import { StrengthPool } from './strength-pool';

type Draft = RowDraft & { accountId: string };

/**
 * Import from a spreadsheet (issue 18, scope 3). `preview` reads and checks every row and writes
 * nothing; `propose` does the same once more (the vault may have changed since the preview) and
 * proposes the rows that may be imported as one «inventario inicial» (./../cosign/kinds/inventory-import.ts),
 * which only the Jefe de la Oficina's approval puts in force (POL-5, LIFE-1).
 */
export class CsvImportService {
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

  async preview(actor: Actor, request: z.output<typeof csvPreviewRequest>): Promise<CsvPreview> {
    requireAction(actor, 'import.propose');
    return (await this.analyse(request)).preview;
  }

  async propose(actor: Actor, request: z.output<typeof csvProposeRequest>): Promise<CsvProposal> {
    requireAction(actor, 'import.propose');
    const { preview, drafts, mapping } = await this.analyse(request);
    // The session is read again after the policy's wait: a lock meanwhile refuses the proposal.
    const proposer = this.sessions.require();
    if (proposer.keyholderId !== actor.keyholderId) throw new CustodiaError('VAULT_LOCKED');
    if (mapping.platform === undefined) throw new CustodiaError('IMPORT_MAPPING_INVALID', { reason: 'platform_unmapped' });
    if (mapping.displayName === undefined) throw new CustodiaError('IMPORT_MAPPING_INVALID', { reason: 'name_unmapped' });
    const entries: InventoryEntry[] = drafts
      .filter((d) => verdictOf(d) !== 'refused')
      .map((d) => ({ accountId: d.accountId, row: d.row, account: d.account!, secret: d.secret, seed: d.seed, rotateNow: verdictOf(d) === 'rotate_now' }));
    if (entries.length === 0) throw new CustodiaError('IMPORT_NOTHING', { refused: preview.counts.refused });
    const { requestId } = this.cosign.proposeChange(inventoryImport, actor, null, { entries, note: request.note || null });
    this.accounts.registryChanged();
    return { requestId, accountIds: entries.map((e) => e.accountId), preview };
  }

  private async analyse(request: z.output<typeof csvPreviewRequest>): Promise<{ preview: CsvPreview; drafts: Draft[]; mapping: ResolvedMapping }> {
    const session = this.sessions.require();
    const db = this.vault.require();
    const read = readCsv(request.text, request.delimiter);
    if (read.gaveUpAt !== null) throw new CustodiaError('IMPORT_CSV_INVALID', { reason: 'too_many_malformed', row: read.gaveUpAt });
    const [first, ...rest] = read.records;
    if (request.hasHeader && first && 'malformed' in first) throw new CustodiaError('IMPORT_CSV_INVALID', { reason: 'header_malformed', row: 1 });
    const headers = request.hasHeader && first && 'cells' in first ? first.cells : null;
    const data = (request.hasHeader ? rest : read.records).filter((r) => !isBlank(r));
    const width = Math.max(0, ...read.records.map((r) => ('cells' in r ? r.cells.length : 0)));
    if (width > IMPORT_MAX_COLUMNS) throw new CustodiaError('IMPORT_CSV_INVALID', { reason: 'too_many_columns', columns: width, max: IMPORT_MAX_COLUMNS });
    if (data.length === 0) throw new CustodiaError('IMPORT_CSV_INVALID', { reason: 'empty' });
    if (data.length > IMPORT_MAX_ROWS) throw new CustodiaError('IMPORT_CSV_INVALID', { reason: 'too_many_rows', rows: data.length, max: IMPORT_MAX_ROWS });
    const mapping = resolveMapping(request.mapping, headers, width);
    if ('code' in mapping) throw new CustodiaError(mapping.code, mapping.details, mapping.rule);

    const institution = readInstitution(db, this.s, session.keys.records)!;
    const drafts: Draft[] = data.map((record) => ({ ...checkRow(record, mapping, institution.emailDomains), accountId: randomUUID() }));
    await judgePasswords(drafts, { s: this.s, keys: session.keys, policy: this.policy, pool: this.pool });
    // Mailboxes are linked once the rows are judged: an account whose mailbox row is refused is refused with it.
    // The vault is read again after the wait (a lock meanwhile refuses: its keys are gone).
    const after = this.sessions.require();
    linkMailboxes(drafts, listAccounts(this.vault.require(), this.s, after.keys.records), (d) => verdictOf(d) !== 'refused');

    const rows = drafts.map((d): ImportRowView => ({
      row: d.row,
      verdict: verdictOf(d),
      problems: d.problems,
      account: d.account && { platform: d.account.platform, displayName: d.account.displayName, withPassword: d.secret !== null, withTotp: d.seed !== null },
    }));
    const kept = rows.filter((r) => r.verdict !== 'refused');
    const preview: CsvPreview = {
      delimiter: read.delimiter,
      columns: columnViews(width, headers),
      rows,
      counts: {
        rows: rows.length,
        ok: rows.filter((r) => r.verdict === 'ok').length,
        rotateNow: rows.filter((r) => r.verdict === 'rotate_now').length,
        refused: rows.length - kept.length,
        withPassword: kept.filter((r) => r.account?.withPassword).length,
        withTotp: kept.filter((r) => r.account?.withTotp).length,
      },
    };
    return { preview, drafts, mapping };
  }
}

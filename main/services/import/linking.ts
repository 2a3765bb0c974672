import { problem, type RowDraft } from '../../domain/import/rows';
import type { AccountRecord } from '../../vault/repositories/accounts';

/**
 * A row's linked e-mail names a mailbox by its address: one in force in the vault, or a mailbox
 * row of the same file (imported with it, so linked to it). Otherwise the row is refused: the
 * mailbox is registered first (its password must differ from the account's, POL-3, and its own
 * two-step verification is watched, SEC-1), or added as a row of the same spreadsheet.
 */
export function linkMailboxes(
  drafts: readonly (RowDraft & { accountId: string })[],
  vaultAccounts: readonly AccountRecord[],
  kept: (draft: RowDraft) => boolean,
): void {
  const inVault = new Map<string, string>();
  for (const a of vaultAccounts) {
    if (a.kind === 'linked_email' && a.status === 'active' && a.loginIdentifier) inVault.set(a.loginIdentifier.toLowerCase(), a.id);
  }
  const inFile = new Map<string, RowDraft & { accountId: string }>();
  for (const d of drafts) {
    const login = d.account?.kind === 'linked_email' ? d.account.loginIdentifier?.toLowerCase() : undefined;
    if (login && !inFile.has(login)) inFile.set(login, d);
  }
  for (const d of drafts) {
    if (d.linkedEmail === null || d.account === null || !kept(d)) continue;
    const stored = inVault.get(d.linkedEmail);
    if (stored) {
      d.account.linkedEmailAccountId = stored;
      continue;
    }
    const row = inFile.get(d.linkedEmail);
    if (row && kept(row)) d.account.linkedEmailAccountId = row.accountId;
    else if (row) d.problems.push(problem('linkedEmail', 'linked_email_unknown', 'LIFE-1', { reason: 'mailbox_refused', mailboxRow: row.row }));
    else d.problems.push(problem('linkedEmail', 'linked_email_unknown', null, { reason: 'not_registered' }));
  }
}

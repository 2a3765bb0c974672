import { useTranslation } from 'react-i18next';
import type { ChangeDescription, PersonRef } from '../../../../shared/accounts';
import type { ChangeKindId } from '../../../../shared/domain';
import type { PlatformId } from '../../../../shared/platforms';
import type { DetailValue } from '../../../../shared/result';
import { labelFor } from '../../i18n/keys';
import { platformLabel } from '../../ui/format';
import { useStaffWords } from '../staff/useStaffWords';

/** What a request says about itself, whichever channel brought it. */
export interface RequestWords {
  kind: ChangeKindId;
  accountName: string | null;
  platform: PlatformId | null;
  proposedBy: PersonRef;
  description: ChangeDescription;
}

/**
 * A co-signed change in words: its one-line headline (the account and the kind of change) and
 * its from → to lines, from the structured description main sends. Never a secret: a password or
 * a seed is named by its version and what was checked about it.
 */
export function useChangeWords() {
  const { t } = useTranslation();
  const staff = useStaffWords();

  /** A setting's value as people read it: numbers as they are, flags as yes/no, per-kind intervals by kind. */
  const settingValue = (value: DetailValue): string => {
    if (typeof value === 'boolean') return t(value ? 'yes' : 'no');
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value);
      return entries.length === 0 ? '—' : entries.map(([id, days]) => `${labelFor('kinds', id)}: ${String(days)}`).join(', ');
    }
    return value === null ? '—' : String(value);
  };

  /** A Formulario B field's value as people read it: a kind of link, a function, a day, or the text itself. */
  const personValue = (field: string, value: DetailValue): string => {
    if (value === null || value === '') return '—';
    if (typeof value !== 'string') return settingValue(value);
    if (field === 'link') return labelFor('staff.links', value);
    if (field === 'function') return labelFor('staff.functions', value);
    if (field === 'startDate' || field === 'agreement.date') return staff.day(value);
    return value;
  };

  /** An account field's value (Formulario A's among them) as people read it: a kind by its name, the text itself. */
  const accountValue = (field: string, value: DetailValue): string => {
    if (value === null || value === '') return '—';
    if (field === 'kind' && typeof value === 'string') return labelFor('kinds', value);
    return settingValue(value);
  };

  const headline = (r: RequestWords): string => {
    const d = r.description;
    if (d.kind === 'person.register') return t(d.completes ? 'pending.person.complete' : 'pending.person.register', { name: d.person.name });
    if (d.kind === 'person.update' || d.kind === 'person.depart') return t(`pending.${d.kind}`, { name: d.person.name });
    if (d.kind === 'keyholder.enrol')
      return t(d.replaces ? 'pending.keyholder.handover' : 'pending.keyholder.enrol', { name: d.person.name, role: t(`roles.${d.role}`) });
    if (d.kind === 'keyholder.revoke')
      return t(d.handoverId ? 'pending.keyholder.complete' : 'pending.keyholder.revoke', { name: d.keyholder.name, role: t(`roles.${d.keyholder.role}`) });
    if (d.kind === 'inventory.import') return t('pending.inventory.import', { count: d.accounts });
    if (d.kind === 'vault.export') return t('pending.vault.export', { count: d.accounts });
    if (d.kind === 'kit.issue') return t('pending.kit.issue');
    if (d.kind === 'vault.restore') return t('pending.vault.restore');
    if (d.kind === 'settings.update' || r.accountName === null) return t('pending.settings');
    const where = { account: r.accountName, platform: r.platform ? platformLabel(r.platform) : '—' };
    if (d.kind === 'credential.rotate') return t('pending.what', { ...where, reason: t(`reasons.${d.reason}`) });
    if (d.kind === 'role.grant' || d.kind === 'role.revoke') return t(`pending.${d.kind}`, { ...where, name: d.person.name });
    return t(`pending.${d.kind}`, where);
  };

  /** The from → to lines, one per thing that changes. */
  const details = (r: RequestWords): string[] => {
    const d = r.description;
    switch (d.kind) {
      case 'credential.rotate':
        return [d.from ? t('change.passwordNext', { from: d.from.version, to: d.to.version }) : t('change.passwordFirst', { to: d.to.version })];
      case 'settings.update':
        return d.changes.map((c) =>
          t('change.setting', { settingText: labelFor('settings.fields', c.setting), from: settingValue(c.from), to: settingValue(c.to) }),
        );
      case 'totp.set': {
        const seed = t('change.seed', {
          issuer: d.to.issuer ?? '—',
          label: d.to.label ?? '—',
          digits: d.to.digits,
          period: d.to.period,
          algorithm: d.to.algorithm.toUpperCase(),
        });
        return [d.from ? t('change.seedReplace', { from: d.from.version, seed }) : t('change.seedNew', { seed })];
      }
      case 'totp.remove':
        return [d.from ? t('change.seedRemove', { from: d.from.version }) : t('change.seedRemoveNone')];
      case 'totp.export':
        return [
          d.seed
            ? t('change.seedExport', { version: d.seed.version, name: r.proposedBy.name, role: t(`roles.${r.proposedBy.role}`) })
            : t('change.seedExportNone'),
        ];
      case 'recovery.replace':
        return [
          t('change.codesReplace', {
            from: t('change.codesFrom', { count: d.from.total, unused: d.from.unused }),
            to: t('change.codesTo', { count: d.to.total }),
          }),
        ];
      case 'person.register': {
        const person = staff.person(d.person);
        if (d.completes) return [t('change.personComplete', { person })];
        return [t(d.person.function ? 'change.personRegister' : 'change.personRecipient', { person })];
      }
      case 'person.update':
        return d.changes.map((c) =>
          t('change.personField', { fieldText: labelFor('staff.fields', c.setting), from: personValue(c.setting, c.from), to: personValue(c.setting, c.to) }),
        );
      case 'person.depart':
        return [t('change.personDepart', { person: staff.person(d.person), date: staff.day(d.date) })];
      case 'role.grant':
        return [t('change.roleGrant', { person: staff.person(d.person), role: staff.role(r.platform, d.role, d.admin) })];
      case 'role.revoke':
        return [t('change.roleRevoke', { person: staff.person(d.person), role: staff.role(r.platform, d.role, d.admin) })];
      case 'keyholder.enrol':
        return [
          t('change.keyholderEnrol', { person: staff.person(d.person), role: t(`roles.${d.role}`), fingerprint: d.fingerprint }),
          ...(d.replaces ? [t('change.keyholderReplaces', { name: d.replaces.name, fingerprint: d.replaces.fingerprint })] : []),
        ];
      case 'keyholder.revoke':
        return [t('change.keyholderRevoke', { name: d.keyholder.name, role: t(`roles.${d.keyholder.role}`), fingerprint: d.keyholder.fingerprint })];
      case 'account.create':
        return [
          t('change.accountCreate', { account: d.account.displayName, kindText: labelFor('kinds', d.account.kind), count: d.authorizedUsers }),
          ...(d.withPassword ? [t('change.accountCreatePassword')] : []),
        ];
      case 'account.modify':
        return d.changes.map((c) =>
          t('change.accountField', {
            fieldText: labelFor('lifecycle.fields', c.setting),
            from: accountValue(c.setting, c.from),
            to: accountValue(c.setting, c.to),
          }),
        );
      case 'account.decommission':
        return [t('change.accountDecommission', { from: d.from?.version ?? '—', to: d.to.version })];
      case 'inventory.import':
        return [
          t('change.inventoryImport', { count: d.accounts }),
          t('change.inventoryImportSecrets', { passwords: d.withPassword, seeds: d.withTotp }),
          ...(d.rotateNow > 0 ? [t('change.inventoryImportRotateNow', { count: d.rotateNow })] : []),
        ];
      case 'vault.export':
        return [t('change.vaultExport', { count: d.accounts, passwords: d.passwords, seeds: d.seeds }), t('change.vaultExportExposure')];
      case 'kit.issue':
        return [
          d.shares ? t('change.kitIssueShares', { k: d.shares.k, n: d.shares.n, holders: d.shares.holders.join(', ') }) : t('change.kitIssueSingle'),
          ...(d.supersedes ? [t('change.kitIssueSupersedes')] : []),
        ];
      case 'vault.restore':
        return [
          t('change.vaultRestoreBackup', {
            file: d.backup.file,
            seq: d.backup.seq,
            head: d.backup.head,
            records: d.backup.records,
            accounts: d.backup.accounts,
            when: d.backup.createdAt ? `${d.backup.createdAt.slice(0, 10)} ${d.backup.createdAt.slice(11, 16)} UTC` : '—',
          }),
          t('change.vaultRestoreCurrent', { seq: d.current.seq, head: d.current.head, records: d.current.records, accounts: d.current.accounts }),
          t('change.vaultRestoreAside'),
        ];
    }
  };

  /** What was checked about a new password (POL-1..3), for the person who signs it. */
  const policy = (r: RequestWords): string | null =>
    r.description.kind === 'credential.rotate' ||
    r.description.kind === 'account.decommission' ||
    (r.description.kind === 'account.create' && r.description.withPassword)
      ? t('change.passwordPolicy')
      : null;

  return { headline, details, policy };
}

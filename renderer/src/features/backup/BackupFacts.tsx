import { useTranslation } from 'react-i18next';
import type { BackupFacts } from '../../../../shared/backup';
import { Fact } from '../../ui/Fact';
import { formatDateTime } from '../../ui/format';

/** Rows in a backup, all tables together (the header counts each table; new tables need nothing here). */
export const rowsOf = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);

/** A file's size as people read it: KB below a megabyte, MB above. */
export function sizeOf(bytes: number, language: string): string {
  const number = (n: number) => n.toLocaleString(language, { maximumFractionDigits: 1 });
  return bytes < 1024 * 1024 ? `${number(bytes / 1024)} KB` : `${number(bytes / (1024 * 1024))} MB`;
}

/** What a backup's signed header says, read without any passphrase (issue 18). */
export function BackupFactsList({ facts, file, sameVault, timeZone }: { facts: BackupFacts; file: string; sameVault: boolean | null; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const role = (r: string) => t(`roles.${r}`, { defaultValue: r });
  return (
    <div data-testid="backup-facts">
      <p className="notice notice-ok">{t('backup.facts.intact')}</p>
      {sameVault === null ? null : (
        <p className={sameVault ? 'notice notice-ok' : 'warning'}>{t(sameVault ? 'backup.facts.sameVault' : 'backup.facts.otherVault')}</p>
      )}
      <dl className="facts">
        <Fact label={t('backup.facts.file')}>{file}</Fact>
        <Fact label={t('backup.facts.createdAt')}>{formatDateTime(facts.createdAt, timeZone)}</Fact>
        <Fact label={t('backup.facts.chainHead')}>
          <code>{facts.chainHead.short}</code> (#{facts.chainHead.seq})
        </Fact>
        <Fact label={t('backup.facts.signer')}>
          <code>{facts.signer.fingerprint}</code>
        </Fact>
        <Fact label={t('backup.facts.keyholders')}>{facts.keyholders.map((k) => `${role(k.role)} (${k.fingerprint})`).join(', ')}</Fact>
        <Fact label={t('backup.facts.rows')}>{rowsOf(facts.counts).toLocaleString(i18n.language)}</Fact>
        <Fact label={t('backup.facts.size')}>{sizeOf(facts.bytes, i18n.language)}</Fact>
      </dl>
    </div>
  );
}

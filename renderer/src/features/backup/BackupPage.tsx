import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInspection, BackupSaved } from '../../../../shared/backup';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useVaultSession } from '../vault/session';
import { RoleNote } from '../vault/RoleNote';
import { usePermissions } from '../vault/usePermissions';
import { BackupFactsList, rowsOf, sizeOf } from './BackupFacts';
import { ExportSection } from '../export/ExportSection';
import { ReplaceVault } from './ReplaceVault';

/**
 * «Copias de seguridad» (issue 18): save the whole vault as one encrypted, signed file where the
 * person chooses (the system's dialog, in main: no path crosses from the screen), and check any
 * backup file's signed header without a passphrase.
 */
export function BackupPage() {
  const { t, i18n } = useTranslation();
  const { may } = usePermissions();
  const { home } = useVaultSession();
  const zone = home.institution.timeZone;
  const [saved, setSaved] = useState<BackupSaved | null>(null);
  const [inspected, setInspected] = useState<BackupInspection | null>(null);
  const create = useAction(() => call(api().backup.create({})));
  const inspect = useAction(() => call(api().backup.inspect({})), { reads: true });

  return (
    <div className="panel">
      <h1>{t('backup.title')}</h1>
      <p className="lead">{t('backup.intro')}</p>
      {may('backup.create') ? (
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={create.busy}
            onClick={() => {
              setSaved(null);
              void create.run().then((r) => r.ok && setSaved(r.value));
            }}
          >
            {create.busy ? t('backup.creating') : t('backup.create')}
          </button>
        </div>
      ) : (
        <RoleNote action="backup.create" what={t('backup.title')} />
      )}
      {saved ? (
        <p className={saved.saved ? 'notice notice-ok' : 'muted'} role="status" data-testid="backup-saved">
          {saved.saved
            ? t('backup.saved', {
                file: saved.file,
                rows: rowsOf(saved.counts).toLocaleString(i18n.language),
                size: sizeOf(saved.bytes, i18n.language),
                head: saved.chainHead.short,
              })
            : t('backup.cancelled')}
        </p>
      ) : null}
      <ErrorNotice error={create.refusal} />

      <section aria-labelledby="backup-inspect-title">
        <h2 id="backup-inspect-title">{t('backup.inspectTitle')}</h2>
        <p>{t('backup.inspectIntro')}</p>
        <button
          type="button"
          disabled={inspect.busy}
          onClick={() => {
            setInspected(null);
            void inspect.run().then((r) => r.ok && setInspected(r.value));
          }}
        >
          {t('backup.inspect')}
        </button>
        <ErrorNotice error={inspect.refusal} />
        {inspected && !inspected.chosen ? <p className="muted">{t('backup.notChosen')}</p> : null}
        {inspected?.chosen ? <BackupFactsList facts={inspected.facts} file={inspected.file} sameVault={inspected.sameVault} timeZone={zone} /> : null}
      </section>
      {/* Issue 18, scope 2: replacing this vault with a backup of it, co-signed. */}
      <ReplaceVault timeZone={zone} />
      {/* Issue 18, scope 5: the KeePass export and the inventory without secrets. */}
      <ExportSection />
    </div>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInspection, BackupOpened } from '../../../../shared/backup';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { TextInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime } from '../../ui/format';
import { BackupFactsList } from './BackupFacts';

type Chosen = Extract<BackupInspection, { chosen: true }>;
/** No vault here yet, so no institution zone: the workstation's own. */
const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Restore on a workstation without a vault (issue 18, scope 2): choose the file (its signed header
 * is checked without a passphrase), open it with any keyholder of that backup, read the chain head
 * the restored vault holds next to the header's, then install it. Nothing is installed before the
 * whole vault verified.
 */
export function RestoreBackup({ onRestored }: { onRestored: () => void }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [opened, setOpened] = useState<BackupOpened | null>(null);
  const [keyholderId, setKeyholderId] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const inspect = useAction(() => call(api().backup.inspect({})), { reads: true });
  const open = useAction((handle: string) => call(api().backup.open({ handle, keyholderId, passphrase })), { reads: true });
  const install = useAction((handle: string) => call(api().backup.restore({ handle })));
  const zone = localZone();

  const choose = async () => {
    setChosen(null);
    setOpened(null);
    const r = await inspect.run();
    if (r.ok && r.value.chosen) {
      setChosen(r.value);
      setKeyholderId(r.value.facts.keyholders.length === 1 ? r.value.facts.keyholders[0]!.id : '');
    }
  };
  const check = async (handle: string) => {
    const r = await open.run(handle);
    setPassphrase('');
    if (r.ok) setOpened(r.value);
  };

  return (
    <section className="panel" aria-labelledby="restore-title">
      <h2 id="restore-title">{t('backup.restore.title')}</h2>
      <p>{t('backup.restore.intro')}</p>
      <button type="button" onClick={() => void choose()} disabled={inspect.busy}>
        {t('backup.restore.choose')}
      </button>
      <ErrorNotice error={inspect.refusal} />
      {chosen ? (
        <>
          <BackupFactsList facts={chosen.facts} file={chosen.file} sameVault={chosen.sameVault} timeZone={zone} />
          {opened ? null : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void check(chosen.handle);
              }}
            >
              <fieldset>
                <legend>{t('backup.restore.who')}</legend>
                {chosen.facts.keyholders.map((k) => (
                  <label key={k.id} className="choice">
                    <input type="radio" name="restore-keyholder" value={k.id} checked={keyholderId === k.id} onChange={() => setKeyholderId(k.id)} />
                    <span>{t('backup.restore.keyholder', { role: t(`roles.${k.role}`), fingerprint: k.fingerprint })}</span>
                  </label>
                ))}
              </fieldset>
              <div className="field">
                <label htmlFor="restore-passphrase">{t('backup.restore.passphrase')}</label>
                <TextInput id="restore-passphrase" type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
              </div>
              <ErrorNotice error={open.refusal} />
              <div className="actions">
                <button type="submit" className="primary" disabled={open.busy || !keyholderId || !passphrase}>
                  {open.busy ? t('backup.restore.opening') : t('backup.restore.open')}
                </button>
              </div>
            </form>
          )}
        </>
      ) : null}
      {opened ? (
        <div data-testid="restore-checked">
          <p className="notice notice-ok" role="status">
            {t('backup.restore.checked', { institution: opened.institution.name, when: formatDateTime(opened.createdAt, zone), events: opened.events })}
          </p>
          <dl className="facts">
            <dt>{t('backup.restore.headerHead')}</dt>
            <dd>
              <code>{opened.header.short}</code> (#{opened.header.seq})
            </dd>
            <dt>{t('backup.restore.restoredHead')}</dt>
            <dd>
              <code>{opened.restored.short}</code> (#{opened.restored.seq})
              {opened.restored.hash === opened.header.hash ? ` — ${t('backup.restore.headsMatch')}` : ''}
            </dd>
          </dl>
          {opened.installable ? (
            <div className="actions">
              <button
                type="button"
                className="primary"
                disabled={install.busy}
                onClick={() => void install.run(opened.handle).then((r) => r.ok && onRestored())}
              >
                {install.busy ? t('backup.restore.installing') : t('backup.restore.install')}
              </button>
            </div>
          ) : (
            <p className="warning">{t('backup.restore.notInstallable')}</p>
          )}
          <ErrorNotice error={install.refusal} />
        </div>
      ) : null}
    </section>
  );
}

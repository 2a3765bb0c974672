import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplaceAuthorized, ReplaceProposed } from '../../../../shared/vault-restore';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { useLoad } from '../../bridge/useLoad';
import { TextArea, TextInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime } from '../../ui/format';
import { RoleNote } from '../vault/RoleNote';
import { usePermissions } from '../vault/usePermissions';

/**
 * «Reemplazar esta bóveda con una copia…» (issue 18, scope 2): a co-signed request. The file is
 * chosen in main's open dialog; the head authorizes it on the home screen, seeing the backup's
 * facts next to the vault in use (POL-5); then it is performed here with a passphrase of the
 * backup's time. The vault in use is kept aside, never deleted, and the session ends.
 */
export function ReplaceVault({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const { may } = usePermissions();
  const [note, setNote] = useState('');
  const [proposed, setProposed] = useState<ReplaceProposed | null>(null);
  const status = useLoad(useCallback(() => call(api().backup.replaceStatus({})), []));
  const propose = useAction(() => call(api().backup.proposeReplace(note ? { note } : {})));

  return (
    <section aria-labelledby="backup-replace-title">
      <h2 id="backup-replace-title">{t('backup.replace.title')}</h2>
      <p>{t('backup.replace.intro')}</p>
      {may('restore.propose') ? (
        <>
          <div className="field">
            <label htmlFor="replace-note">{t('backup.replace.note')}</label>
            <TextArea id="replace-note" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <button
            type="button"
            disabled={propose.busy}
            onClick={() => {
              setProposed(null);
              void propose.run().then((r) => {
                if (!r.ok) return;
                setProposed(r.value);
                if (r.value.chosen) setNote('');
              });
            }}
          >
            {t('backup.replace.propose')}
          </button>
        </>
      ) : (
        <RoleNote action="restore.propose" what={t('backup.replace.what')} />
      )}
      <ErrorNotice error={propose.refusal} />
      {proposed ? (
        <p className={proposed.chosen ? 'notice notice-ok' : 'muted'} role="status" data-testid="replace-proposed">
          {proposed.chosen ? t('backup.replace.proposed', { file: proposed.file }) : t('backup.notChosen')}
        </p>
      ) : null}
      <ErrorNotice error={status.refusal} />
      {status.data?.authorized.map((a) => (
        <PerformReplacement key={a.requestId} authorized={a} timeZone={timeZone} />
      ))}
    </section>
  );
}

function PerformReplacement({ authorized, timeZone }: { authorized: ReplaceAuthorized; timeZone: string }) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const perform = useAction(() => call(api().backup.replace({ requestId: authorized.requestId, passphrase })));
  const field = `replace-passphrase-${authorized.requestId}`;
  return (
    <form
      className="settings-group"
      data-testid="replace-authorized"
      onSubmit={(e) => {
        e.preventDefault();
        void perform.run().then(() => setPassphrase(''));
      }}
    >
      <p>
        {t('backup.replace.authorized', {
          file: authorized.file,
          when: formatDateTime(authorized.createdAt, timeZone),
          seq: authorized.head.seq,
          head: authorized.head.short,
        })}
      </p>
      <div className="field">
        <label htmlFor={field}>{t('backup.replace.passphrase')}</label>
        <TextInput id={field} type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      </div>
      <ErrorNotice error={perform.refusal} />
      <button type="submit" className="primary" disabled={perform.busy || passphrase === ''}>
        {perform.busy ? t('backup.replace.performing') : t('backup.replace.perform')}
      </button>
    </form>
  );
}

import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportInventoryResult, ExportKdbxResult } from '../../../../shared/export';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { useLoad } from '../../bridge/useLoad';
import { TextArea, TextInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime } from '../../ui/format';
import { useVaultSession } from '../vault/session';
import { RoleNote } from '../vault/RoleNote';
import { usePermissions } from '../vault/usePermissions';

/**
 * «Exportar» on the backups page (issue 18, scope 5): the inventory without secrets, saved by any
 * keyholder; the KeePass file, requested with a note, authorized by the head (POL-5), then written
 * once with a passphrase typed twice (POL-1's length at least, checked again in main). The file's
 * place is chosen in main's save dialog: no path crosses from the screen.
 */
export function ExportSection() {
  const { t } = useTranslation();
  const { may } = usePermissions();
  const zone = useVaultSession().home.institution.timeZone;
  const [inventory, setInventory] = useState<ExportInventoryResult | null>(null);
  const saveInventory = useAction(() => call(api().export.inventory({})));

  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">{t('export.title')}</h2>
      <p>{t('export.intro')}</p>
      <h3>{t('export.inventoryTitle')}</h3>
      <p>{t('export.inventoryIntro')}</p>
      {may('export.inventory') ? (
        <div className="actions">
          <button
            type="button"
            disabled={saveInventory.busy}
            onClick={() => {
              setInventory(null);
              void saveInventory.run().then((r) => r.ok && setInventory(r.value));
            }}
          >
            {saveInventory.busy ? t('export.inventorySaving') : t('export.inventory')}
          </button>
        </div>
      ) : (
        <RoleNote action="export.inventory" what={t('export.inventoryTitle')} />
      )}
      {inventory ? (
        <p className={inventory.saved ? 'notice notice-ok' : 'muted'} role="status" data-testid="inventory-saved">
          {inventory.saved ? t('export.inventorySaved', { file: inventory.file, count: inventory.accounts }) : t('export.cancelled')}
        </p>
      ) : null}
      <ErrorNotice error={saveInventory.refusal} />

      <h3>{t('export.kdbxTitle')}</h3>
      <p>{t('export.kdbxIntro')}</p>
      {may('export.propose') ? <KdbxExport timeZone={zone} /> : <RoleNote action="export.propose" what={t('export.kdbxTitle')} />}
    </section>
  );
}

function KdbxExport({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const status = useLoad(useCallback(() => call(api().export.status({})), []));
  const [note, setNote] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [saved, setSaved] = useState<ExportKdbxResult | null>(null);
  const propose = useAction(() => call(api().export.propose(note.trim() ? { note: note.trim() } : {})));
  const ready = status.data?.ready[0];
  const save = useAction(() => call(api().export.kdbx({ requestId: ready?.requestId ?? '', passphrase, confirm })));

  if (!status.data) return <ErrorNotice error={status.refusal} />;
  const { pending, minLength } = status.data;
  return (
    <>
      {saved ? (
        <p className={saved.saved ? 'notice notice-ok' : 'muted'} role="status" data-testid="kdbx-saved">
          {saved.saved
            ? t('export.saved', { file: saved.file, accounts: saved.accounts, passwords: saved.passwords, seeds: saved.seeds })
            : t('export.cancelled')}
        </p>
      ) : null}
      {ready ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setSaved(null);
            void save.run().then((r) => {
              if (!r.ok) return;
              setSaved(r.value);
              if (r.value.saved) {
                setPassphrase('');
                setConfirm('');
                status.reload();
              }
            });
          }}
        >
          <p>{t('export.ready', { when: formatDateTime(ready.authorizedAt, timeZone), until: formatDateTime(ready.expiresAt, timeZone) })}</p>
          <div className="row">
            <div className="field grow">
              <label htmlFor="export-passphrase">{t('export.passphrase', { min: minLength })}</label>
              <TextInput
                id="export-passphrase"
                type="password"
                autoComplete="new-password"
                value={passphrase}
                onChange={(e) => setPassphrase(e.target.value)}
              />
            </div>
            <div className="field grow">
              <label htmlFor="export-confirm">{t('export.confirm')}</label>
              <TextInput id="export-confirm" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
            </div>
          </div>
          {confirm && passphrase !== confirm ? <p className="field-error">{t('export.mismatch')}</p> : null}
          <div className="actions">
            <button type="submit" className="primary" disabled={save.busy || !passphrase || passphrase !== confirm}>
              {save.busy ? t('export.saving') : t('export.save')}
            </button>
          </div>
          <ErrorNotice error={save.refusal} />
        </form>
      ) : pending ? (
        <p className="notice" role="status" data-testid="kdbx-pending">
          {t('export.pending', { when: formatDateTime(pending.expiresAt, timeZone) })}
        </p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void propose.run().then((r) => {
              if (!r.ok) return;
              setNote('');
              status.reload();
            });
          }}
        >
          <div className="field">
            <label htmlFor="export-note">{t('export.note')}</label>
            <TextArea id="export-note" rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <div className="actions">
            <button type="submit" disabled={propose.busy}>
              {propose.busy ? t('export.proposing') : t('export.propose')}
            </button>
          </div>
          <ErrorNotice error={propose.refusal} />
        </form>
      )}
    </>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportCounts, ImportRowView } from '../../../../shared/import';
import type { AppError } from '../../../../shared/result';
import { TextArea } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ImportRows } from './ImportRows';

/**
 * Main's verdict on every row (a spreadsheet's or a KeePass file's), then the «inventario inicial»
 * proposed with a note for the head — or, once proposed, how many accounts wait for their decision.
 */
export function ProposeImport({
  id,
  counts,
  rows,
  proposed,
  busy,
  refusal,
  onPropose,
}: {
  id: string;
  counts: ImportCounts;
  rows: (ImportRowView & { label?: string })[];
  /** The accounts «en trámite» once proposed. */
  proposed: number | null;
  busy: boolean;
  refusal: AppError | null;
  onPropose: (note: string) => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const importable = counts.ok + counts.rotateNow;
  return (
    <>
      <p className="lead" data-testid={`${id}-counts`}>
        {t('import.counts', { ...counts })}
      </p>
      <ImportRows rows={rows} />
      {proposed !== null ? (
        <p className="notice notice-ok" role="status">
          {t('import.proposed', { count: proposed })}
        </p>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-note`}>{t('import.note')}</label>
            <TextArea id={`${id}-note`} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <div className="actions">
            <button type="button" className="primary" disabled={importable === 0 || busy} onClick={() => onPropose(note.trim())}>
              {busy ? t('import.proposing') : t('import.propose', { count: importable })}
            </button>
          </div>
        </>
      )}
      <ErrorNotice error={refusal} />
    </>
  );
}

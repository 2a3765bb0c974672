import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RekeyProgressEvent } from '../../../../shared/keyholders';
import { api } from '../../bridge/api';

/**
 * The re-key's progress while a revocation's approval runs (HAND-1; main's `event.rekey`). The
 * re-key is one transaction inside that approval, so the bar mostly shows where it ended: the
 * number of sealed fields now under the new key.
 */
export function useRekeyProgress(listening: boolean): RekeyProgressEvent | null {
  const [progress, setProgress] = useState<RekeyProgressEvent | null>(null);
  useEffect(() => (listening ? api().events.onRekeyProgress(setProgress) : undefined), [listening]);
  return progress;
}

export function RekeyProgress({ progress, running, done }: { progress: RekeyProgressEvent | null; running: boolean; done: boolean }) {
  const { t } = useTranslation();
  if (!running && !done) return null;
  const total = progress?.total ?? 0;
  const text = done
    ? t('keyholders.rekey.done', { total })
    : progress
      ? t('keyholders.rekey.progress', { done: progress.done, total })
      : t('keyholders.rekey.running');
  return (
    <div className={`notice ${done ? 'notice-ok' : ''}`} role="status" data-testid="rekey-progress">
      <progress value={done ? Math.max(total, 1) : (progress?.done ?? 0)} max={Math.max(total, 1)} aria-label={t('keyholders.rekey.label')} />{' '}
      <span>{text}</span>
    </div>
  );
}

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { Result } from '../../../../shared/result';
import { recoveryStoreRequest, recoveryUseRequest } from '../../../../shared/two-step';
import { TextArea, TextInput } from '../../ui/controls';

const codesBlock = recoveryStoreRequest.pick({ block: true });
const useReason = recoveryUseRequest.pick({ reason: true });

/** The codes as the platform prints them, pasted whole; a second set replaces the first only once the head authorizes it. */
export function StoreCodesForm({ replacing, onStore }: { replacing: boolean; onStore: (block: string) => Promise<Result<unknown>> }) {
  const { t } = useTranslation();
  const { register, handleSubmit, control, reset } = useForm<z.input<typeof codesBlock>, unknown, z.output<typeof codesBlock>>({
    resolver: zodResolver(codesBlock),
    defaultValues: { block: '' },
  });
  const block = useWatch({ control, name: 'block' });
  const submit = handleSubmit(async (values) => {
    if ((await onStore(values.block)).ok) reset({ block: '' });
  });
  return (
    <form onSubmit={submit}>
      <div className="field">
        <label htmlFor="recovery-block">{t(replacing ? 'recovery.pasteReplacement' : 'recovery.paste')}</label>
        <TextArea id="recovery-block" rows={4} spellCheck={false} autoComplete="off" {...register('block')} />
      </div>
      <button type="submit" disabled={!block.trim()}>
        {t(replacing ? 'recovery.replace' : 'recovery.store')}
      </button>
    </form>
  );
}

/** Why a code was used, recorded with it (who and when are main's to record). */
export function MarkUsedForm({ position, onMark }: { position: number; onMark: (reason: string) => Promise<Result<unknown>> }) {
  const { t } = useTranslation();
  const { register, handleSubmit, control } = useForm<z.input<typeof useReason>, unknown, z.output<typeof useReason>>({
    resolver: zodResolver(useReason),
    defaultValues: { reason: '' },
  });
  const reason = useWatch({ control, name: 'reason' });
  return (
    <form className="inline-form" onSubmit={handleSubmit((values) => onMark(values.reason))}>
      <TextInput aria-label={t('recovery.reason', { n: position })} maxLength={500} {...register('reason')} />
      <button type="submit" disabled={!reason.trim()}>
        {t('recovery.confirmUse')}
      </button>
    </form>
  );
}

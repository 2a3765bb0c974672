import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { contract } from '../../../../shared/contract';
import type { PaperHeadMatch } from '../../../../shared/integrity';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { TextInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime } from '../../ui/format';
import { refusalOf } from '../../ui/form';

const paperHead = contract['audit.findHead'].request;

/** A chain head copied onto paper (a handover record, a report, a backup label), looked up in the chain. */
export function PaperCheck({ zone }: { zone: string }) {
  const { t } = useTranslation();
  const [match, setMatch] = useState<PaperHeadMatch | null>(null);
  const { register, handleSubmit, getValues } = useForm<z.input<typeof paperHead>>({ resolver: zodResolver(paperHead), defaultValues: { head: '' } });
  const find = useAction(async (head: string) => setMatch(await call(api().audit.findHead({ head }))), { reads: true });
  const submit = handleSubmit(
    ({ head }) => void find.run(head),
    () => find.setRefusal(refusalOf(paperHead, getValues())),
  );
  return (
    <form onSubmit={submit}>
      <div className="inline-form">
        <div className="field grow">
          <label htmlFor="paper-head">{t('integrity.paperLabel')}</label>
          <TextInput id="paper-head" maxLength={200} autoComplete="off" spellCheck={false} {...register('head')} />
        </div>
        <button type="submit">{t('integrity.paperCheck')}</button>
      </div>
      {match?.found ? (
        <p className="notice notice-ok" role="status">
          {t('integrity.paperFound', { seq: match.seq, at: formatDateTime(match.at, zone), name: match.actorName })}
        </p>
      ) : null}
      {match && !match.found ? (
        <p className="notice notice-error" role="alert">
          {t('integrity.paperMissing')}
        </p>
      ) : null}
      <ErrorNotice error={find.refusal} />
    </form>
  );
}

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { proposeRequest } from '../../../../shared/accounts';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { SelectInput, TextInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { refusalOf } from '../../ui/form';
import { DuplicateLink } from '../cosign/DuplicateLink';
import { RoleNote } from '../vault/RoleNote';
import { usePermissions } from '../vault/usePermissions';
import { ReasonOptions } from './ReasonOptions';
import { usePolicyFeedback } from './usePolicyFeedback';

/** The proposal as the contract has it, less the account it is for. */
const proposal = proposeRequest.omit({ accountId: true });
type Proposal = z.input<typeof proposal>;

/** The administrator proposes a new password; it becomes current only once the head authorizes it. */
export function ProposeForm({ accountId, firstVersion, onProposed }: { accountId: string; firstVersion: boolean; onProposed: () => void }) {
  const { t } = useTranslation();
  const { may } = usePermissions();
  const [sent, setSent] = useState(false);
  /** What the interface states about a generated password (issue 14): its entropy, length and alphabet; null once the person types. */
  const [generated, setGenerated] = useState<{ bits: number; length: number; alphabetSize: number } | null>(null);
  const { register, handleSubmit, control, setValue, getValues, reset } = useForm<Proposal, unknown, z.output<typeof proposal>>({
    resolver: zodResolver(proposal),
    defaultValues: { secret: '', reason: firstVersion ? 'creation' : 'scheduled', note: '' },
  });
  const secret = useWatch({ control, name: 'secret' });
  const feedback = usePolicyFeedback(accountId, secret);
  const generate = useAction(
    async () => {
      const drawn = await call(api().credentials.generate({ accountId }));
      setValue('secret', drawn.secret);
      setGenerated({ bits: Math.round(drawn.entropyBits), length: drawn.length, alphabetSize: drawn.alphabetSize });
    },
    { reads: true },
  );
  const propose = useAction((values: z.output<typeof proposal>) => call(api().credentials.propose({ accountId, ...values })));

  const submit = handleSubmit(
    async (values) => {
      if (!(await propose.run(values)).ok) return;
      reset({ secret: '', reason: values.reason, note: '' });
      setGenerated(null);
      setSent(true);
      onProposed();
    },
    () => propose.setRefusal(refusalOf(proposal, getValues())),
  );

  return (
    <form onSubmit={submit} aria-labelledby="propose-title" className="subpanel">
      <h2 id="propose-title">{t('rotation.propose')}</h2>
      <div className="row">
        <div className="field grow">
          <label htmlFor="propose-secret">{t('rotation.newSecret')}</label>
          <TextInput
            id="propose-secret"
            type={generated ? 'text' : 'password'}
            autoComplete="new-password"
            spellCheck={false}
            {...register('secret', { onChange: () => setGenerated(null) })}
          />
          {feedback ? <ErrorNotice error={feedback} live /> : null}
          {feedback === null ? (
            <p className="notice notice-ok" role="status">
              {generated ? t('rotation.generated') : t('rotation.policyOk')}
            </p>
          ) : null}
          {generated ? (
            <p className="muted">{t('rotation.entropy', { bits: generated.bits, length: generated.length, alphabetSize: generated.alphabetSize })}</p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="propose-reason">{t('rotation.reason')}</label>
          <SelectInput id="propose-reason" {...register('reason')}>
            <ReasonOptions />
          </SelectInput>
        </div>
      </div>
      <div className="field">
        <label htmlFor="propose-note">{t('rotation.note')}</label>
        <TextInput id="propose-note" maxLength={500} {...register('note')} />
      </div>
      {sent ? (
        <p className="notice notice-ok" role="status">
          {t('rotation.proposed')}
        </p>
      ) : null}
      <ErrorNotice error={propose.refusal ?? generate.refusal} />
      <DuplicateLink refusal={propose.refusal} />
      <RoleNote action="credential.propose" what={t('rotation.propose')} />
      <div className="actions">
        {may('credential.generate') ? (
          <button type="button" onClick={() => void generate.run()}>
            {t('rotation.generate')}
          </button>
        ) : null}
        <button type="submit" className="primary" disabled={propose.busy || !secret}>
          {t('rotation.submitProposal')}
        </button>
      </div>
    </form>
  );
}

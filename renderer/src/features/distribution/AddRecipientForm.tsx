import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { PersonView } from '../../../../shared/rotation';
import { recipientRequest } from '../../../../shared/rotation';
import type { Result } from '../../../../shared/result';
import { SelectInput } from '../../ui/controls';

const recipient = recipientRequest.pick({ personId: true });
type Recipient = z.input<typeof recipient>;

/** Authorizes one more registered person to receive this account's password. */
export function AddRecipientForm({ candidates, onAdd }: { candidates: PersonView[]; onAdd: (personId: string) => Promise<Result<unknown>> }) {
  const { t } = useTranslation();
  const { register, handleSubmit, control, reset } = useForm<Recipient>({ resolver: zodResolver(recipient), defaultValues: { personId: '' } });
  const chosen = useWatch({ control, name: 'personId' });
  const submit = handleSubmit(async ({ personId }) => {
    if ((await onAdd(personId)).ok) reset({ personId: '' });
  });

  return (
    <form className="inline-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="recipient-choice">{t('distribution.add')}</label>
        <SelectInput id="recipient-choice" {...register('personId')}>
          <option value="">{t('distribution.choose')}</option>
          {candidates.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} &lt;{p.email}&gt;
            </option>
          ))}
        </SelectInput>
      </div>
      <button type="submit" disabled={!chosen}>
        {t('distribution.addButton')}
      </button>
    </form>
  );
}

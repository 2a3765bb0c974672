import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { personInput } from '../../../../shared/rotation';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { TextInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { refusalOf } from '../../ui/form';

type Person = z.input<typeof personInput>;

/** A person who may receive passwords: a name and an institutional e-mail (SEC-2, checked in main). */
export function NewPersonForm({ onAdded }: { onAdded: (personId: string) => void }) {
  const { t } = useTranslation();
  const { register, handleSubmit, reset, getValues } = useForm<Person, unknown, z.output<typeof personInput>>({
    resolver: zodResolver(personInput),
    defaultValues: { name: '', email: '' },
  });
  const add = useAction((person: z.output<typeof personInput>) => call(api().people.add(person)));
  const submit = handleSubmit(
    async (person) => {
      const added = await add.run(person);
      if (!added.ok) return;
      reset();
      onAdded(added.value.personId);
    },
    () => add.setRefusal(refusalOf(personInput, getValues())),
  );

  return (
    <form className="inline-form" aria-label={t('distribution.newPerson')} onSubmit={submit}>
      <div className="field">
        <label htmlFor="person-name">{t('distribution.name')}</label>
        <TextInput id="person-name" required maxLength={200} {...register('name')} />
      </div>
      <div className="field">
        <label htmlFor="person-email">{t('distribution.email')}</label>
        <TextInput id="person-email" type="email" required maxLength={254} {...register('email')} />
      </div>
      <button type="submit">{t('distribution.register')}</button>
      <ErrorNotice error={add.refusal} />
    </form>
  );
}

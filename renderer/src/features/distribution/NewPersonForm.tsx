import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
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

/**
 * A person who may receive passwords: a name and an institutional e-mail (SEC-2, checked in main).
 * Registering them is a co-signed request (LIFE-4): they are on record, and can be chosen for the
 * account, only once the head authorizes it, so nothing is selected here.
 */
export function NewPersonForm() {
  const { t } = useTranslation();
  const [proposed, setProposed] = useState<string | null>(null);
  const { register, handleSubmit, reset, getValues } = useForm<Person, unknown, z.output<typeof personInput>>({
    resolver: zodResolver(personInput),
    defaultValues: { name: '', email: '' },
  });
  const add = useAction((person: z.output<typeof personInput>) => call(api().people.add(person)));
  const submit = handleSubmit(
    async (person) => {
      setProposed(null);
      const sent = await add.run(person);
      if (!sent.ok) return;
      reset();
      setProposed(person.name);
    },
    () => add.setRefusal(refusalOf(personInput, getValues())),
  );

  return (
    <form className="inline-form" aria-label={t('distribution.newPerson')} onSubmit={submit}>
      <p className="muted">{t('distribution.newPersonHint')}</p>
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
      {proposed !== null ? (
        <p className="notice notice-ok" role="status">
          {t('distribution.proposed', { name: proposed })}
        </p>
      ) : null}
    </form>
  );
}

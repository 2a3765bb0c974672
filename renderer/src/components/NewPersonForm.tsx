import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/result';
import { api, asAppError, call } from '../api';
import { ErrorNotice } from './ErrorNotice';

/** A person who may receive passwords: a name and an institutional e-mail (SEC-2). */
export function NewPersonForm({ onAdded }: { onAdded: (personId: string) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [refusal, setRefusal] = useState<AppError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    try {
      const { personId } = await call(api().people.add({ name, email }));
      setName('');
      setEmail('');
      onAdded(personId);
    } catch (e) {
      setRefusal(asAppError(e));
    }
  };

  return (
    <form className="inline-form" aria-label={t('distribution.newPerson')} onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor="person-name">{t('distribution.name')}</label>
        <input id="person-name" value={name} required maxLength={200} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="person-email">{t('distribution.email')}</label>
        <input id="person-email" type="email" value={email} required maxLength={254} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <button type="submit">{t('distribution.register')}</button>
      <ErrorNotice error={refusal} />
    </form>
  );
}

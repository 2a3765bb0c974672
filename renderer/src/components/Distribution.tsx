import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DELIVERY_CHANNELS, type DeliveryChannel } from '../../../shared/domain';
import type { DistributionView, PersonView } from '../../../shared/rotation';
import type { AppError } from '../../../shared/result';
import { api, asAppError, call } from '../api';
import { formatDateTime } from '../format';
import { ErrorNotice } from './ErrorNotice';
import { NewPersonForm } from './NewPersonForm';

/**
 * POL-6 (Congreso 6.1.7, 6.2.5, 6.2.7): the people authorized to receive this account's password,
 * as a checklist for the current version; each delivery is recorded with its channel.
 */
export function Distribution({ accountId, timeZone, version }: { accountId: string; timeZone: string; version: number | null }) {
  const { t } = useTranslation();
  const [view, setView] = useState<DistributionView | null>(null);
  const [people, setPeople] = useState<PersonView[]>([]);
  const [chosen, setChosen] = useState('');
  const [channels, setChannels] = useState<Record<string, DeliveryChannel>>({});
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const [recorded, setRecorded] = useState(false);

  const load = useCallback(async () => {
    try {
      const [checklist, everyone] = await Promise.all([call(api().distribution.get({ accountId })), call(api().people.list({}))]);
      setView(checklist);
      setPeople(everyone);
    } catch (e) {
      setRefusal(asAppError(e));
    }
  }, [accountId]);
  useEffect(() => void load(), [load, version]);

  const act = async (action: () => Promise<unknown>, after?: () => void) => {
    setRefusal(null);
    setRecorded(false);
    try {
      await action();
      after?.();
      await load();
    } catch (e) {
      setRefusal(asAppError(e));
    }
  };

  const authorize = (event: FormEvent) => {
    event.preventDefault();
    if (chosen) void act(() => call(api().distribution.addRecipient({ accountId, personId: chosen })), () => setChosen(''));
  };

  if (!view) return <ErrorNotice error={refusal} />;
  const listed = new Set(view.recipients.map((r) => r.person.id));
  const candidates = people.filter((p) => !listed.has(p.id));

  return (
    <section aria-labelledby="distribution-title">
      <h2 id="distribution-title">{t('distribution.title')}</h2>
      <p className="muted">{t('distribution.intro')}</p>
      <p>{view.current ? t('distribution.version', { n: view.current.versionN }) : t('distribution.noVersion')}</p>
      {view.recipients.length === 0 ? <p className="muted">{t('distribution.none')}</p> : null}
      {view.recipients.length > 0 ? (
        <table className="checklist">
          <thead>
            <tr>
              <th scope="col">{t('distribution.person')}</th>
              <th scope="col">{t('distribution.delivered')}</th>
              <th scope="col">{t('distribution.channel')}</th>
            </tr>
          </thead>
          <tbody>
            {view.recipients.map(({ person, deliveries }) => (
              <tr key={person.id}>
                <td>
                  {person.name} <span className="muted">&lt;{person.email}&gt;</span>
                </td>
                <td>
                  {deliveries.length === 0 ? <span className="badge status-due_soon">{t('distribution.notDelivered')}</span> : null}
                  {deliveries.map((d) => (
                    <div key={d.at}>{t('distribution.deliveredBy', { channel: t(`distribution.channels.${d.channel}`), when: formatDateTime(d.at, timeZone), name: d.recordedBy.name })}</div>
                  ))}
                </td>
                <td>
                  <div className="inline-form">
                    <select
                      aria-label={`${t('distribution.channel')}: ${person.name}`}
                      value={channels[person.id] ?? 'institutional_email'}
                      onChange={(e) => setChannels({ ...channels, [person.id]: e.target.value as DeliveryChannel })}
                    >
                      {DELIVERY_CHANNELS.map((c) => (
                        <option key={c} value={c}>
                          {t(`distribution.channels.${c}`)}
                        </option>
                      ))}
                    </select>
                    <button
                      type="button"
                      disabled={!view.current}
                      onClick={() =>
                        void act(
                          () => call(api().distribution.recordDelivery({ accountId, personId: person.id, channel: channels[person.id] ?? 'institutional_email' })),
                          () => setRecorded(true),
                        )
                      }
                    >
                      {t('distribution.record')}
                    </button>
                    <button type="button" className="link" onClick={() => void act(() => call(api().distribution.removeRecipient({ accountId, personId: person.id })))}>
                      {t('distribution.remove')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {recorded ? <p className="notice notice-ok" role="status">{t('distribution.recorded')}</p> : null}
      <form className="inline-form" onSubmit={authorize}>
        <div className="field">
          <label htmlFor="recipient-choice">{t('distribution.add')}</label>
          <select id="recipient-choice" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">{t('distribution.choose')}</option>
            {candidates.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} &lt;{p.email}&gt;
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={!chosen}>
          {t('distribution.addButton')}
        </button>
      </form>
      <h3>{t('distribution.newPerson')}</h3>
      <NewPersonForm onAdded={(personId) => void act(() => call(api().distribution.addRecipient({ accountId, personId })))} />
      <ErrorNotice error={refusal} />
    </section>
  );
}

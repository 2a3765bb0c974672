import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliveryChannel } from '../../../../shared/domain';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { useLoad } from '../../bridge/useLoad';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { usePermissions } from '../vault/usePermissions';
import { AddRecipientForm } from './AddRecipientForm';
import { NewPersonForm } from './NewPersonForm';
import { RecipientsTable } from './RecipientsTable';

/** A change to the checklist: each asks main, then the checklist is read again. */
export type DistributionChange =
  { kind: 'add'; personId: string } | { kind: 'remove'; personId: string } | { kind: 'deliver'; personId: string; channel: DeliveryChannel };

/**
 * POL-6 (Congreso 6.1.7, 6.2.5, 6.2.7): the people authorized to receive this account's password,
 * as a checklist for the current version; each delivery is recorded with its channel.
 */
export function Distribution({ accountId, timeZone }: { accountId: string; timeZone: string }) {
  const { t } = useTranslation();
  const { may } = usePermissions();
  const [recorded, setRecorded] = useState(false);
  const loaded = useLoad(
    useCallback(async () => {
      const [checklist, people] = await Promise.all([call(api().distribution.get({ accountId })), call(api().people.list({}))]);
      return { checklist, people };
    }, [accountId]),
  );
  const change = useAction(async (c: DistributionChange) => {
    setRecorded(false);
    if (c.kind === 'add') await call(api().distribution.addRecipient({ accountId, personId: c.personId }));
    if (c.kind === 'remove') await call(api().distribution.removeRecipient({ accountId, personId: c.personId }));
    if (c.kind === 'deliver') {
      await call(api().distribution.recordDelivery({ accountId, personId: c.personId, channel: c.channel }));
      setRecorded(true);
    }
    loaded.reload();
  });

  if (!loaded.data) return <ErrorNotice error={change.refusal ?? loaded.refusal} />;
  const { checklist: view, people } = loaded.data;
  const listed = new Set(view.recipients.map((r) => r.person.id));

  return (
    <section aria-labelledby="distribution-title">
      <h2 id="distribution-title">{t('distribution.title')}</h2>
      <p className="muted">{t('distribution.intro')}</p>
      <p>{view.current ? t('distribution.version', { n: view.current.versionN }) : t('distribution.noVersion')}</p>
      {view.recipients.length === 0 ? <p className="muted">{t('distribution.none')}</p> : null}
      {view.recipients.length > 0 ? (
        <RecipientsTable
          view={view}
          timeZone={timeZone}
          mayRecord={may('distribution.record')}
          mayEdit={may('distribution.edit')}
          onChange={(c) => void change.run(c)}
        />
      ) : null}
      {recorded ? (
        <p className="notice notice-ok" role="status">
          {t('distribution.recorded')}
        </p>
      ) : null}
      {may('distribution.edit') ? (
        <AddRecipientForm candidates={people.filter((p) => !listed.has(p.id))} onAdd={(personId) => change.run({ kind: 'add', personId })} />
      ) : null}
      {may('distribution.edit') && may('people.add') ? (
        <>
          <h3>{t('distribution.newPerson')}</h3>
          <NewPersonForm />
        </>
      ) : null}
      <ErrorNotice error={change.refusal ?? loaded.refusal} />
    </section>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DELIVERY_CHANNELS, type DeliveryChannel } from '../../../../shared/domain';
import type { DistributionView } from '../../../../shared/rotation';
import { SelectInput } from '../../ui/controls';
import { formatDateTime } from '../../ui/format';
import type { DistributionChange } from './Distribution';

const isChannel = (value: string): value is DeliveryChannel => (DELIVERY_CHANNELS as readonly string[]).includes(value);

/** Who may receive the password, what each received of the current version, and how a delivery is recorded. */
export function RecipientsTable({
  view,
  timeZone,
  mayRecord,
  mayEdit,
  onChange,
}: {
  view: DistributionView;
  timeZone: string;
  mayRecord: boolean;
  mayEdit: boolean;
  onChange: (change: DistributionChange) => void;
}) {
  const { t } = useTranslation();
  const [channels, setChannels] = useState<Record<string, DeliveryChannel>>({});
  return (
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
                <div key={d.at}>
                  {t('distribution.deliveredBy', {
                    channel: t(`distribution.channels.${d.channel}`),
                    when: formatDateTime(d.at, timeZone),
                    name: d.recordedBy.name,
                  })}
                </div>
              ))}
            </td>
            <td>
              <div className="inline-form">
                {mayRecord ? (
                  <>
                    <SelectInput
                      aria-label={`${t('distribution.channel')}: ${person.name}`}
                      value={channels[person.id] ?? ''}
                      onChange={(e) => isChannel(e.target.value) && setChannels({ ...channels, [person.id]: e.target.value })}
                    >
                      <option value="">{t('distribution.chooseChannel')}</option>
                      {DELIVERY_CHANNELS.map((c) => (
                        <option key={c} value={c}>
                          {t(`distribution.channels.${c}`)}
                        </option>
                      ))}
                    </SelectInput>
                    <button
                      type="button"
                      disabled={!view.current || !channels[person.id]}
                      onClick={() => channels[person.id] && onChange({ kind: 'deliver', personId: person.id, channel: channels[person.id]! })}
                    >
                      {t('distribution.record')}
                    </button>
                  </>
                ) : null}
                {mayEdit ? (
                  <button type="button" className="link" onClick={() => onChange({ kind: 'remove', personId: person.id })}>
                    {t('distribution.remove')}
                  </button>
                ) : null}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

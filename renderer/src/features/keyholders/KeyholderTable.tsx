import { useTranslation } from 'react-i18next';
import type { KeyholderDetail } from '../../../../shared/keyholders';
import { formatDate } from '../../ui/format';

/** Every keyholder, active first: name, role, signing fingerprint (for out-of-band checking) and where their key stands. */
export function KeyholderTable({ keyholders, self, timeZone }: { keyholders: KeyholderDetail[]; self: string; timeZone: string }) {
  const { t } = useTranslation();
  const ordered = [...keyholders].sort((a, b) => (a.status === b.status ? a.createdAt.localeCompare(b.createdAt) : a.status === 'active' ? -1 : 1));
  return (
    <table aria-label={t('keyholders.list')}>
      <thead>
        <tr>
          <th scope="col">{t('keyholders.name')}</th>
          <th scope="col">{t('keyholders.role')}</th>
          <th scope="col">{t('keyholders.fingerprint')}</th>
          <th scope="col">{t('keyholders.state')}</th>
          <th scope="col">{t('keyholders.since')}</th>
        </tr>
      </thead>
      <tbody>
        {ordered.map((k) => (
          <tr key={k.id} data-testid="keyholder-row">
            <td>
              {k.name}
              {k.id === self ? <span className="badge">{t('keyholders.you')}</span> : null}
            </td>
            <td>{t(`roles.${k.role}`)}</td>
            <td>
              <code>{k.fingerprint}</code>
            </td>
            <td>
              <span className={`badge ${k.status === 'active' ? 'state-applied' : 'state-rejected'}`}>{t(`status.${k.status}`)}</span>
              {k.awaitingFirstUnlock ? <small className="muted"> {t('keyholders.firstUnlock')}</small> : null}
              {k.retiredAt ? <small className="muted"> {t('keyholders.retiredOn', { when: formatDate(k.retiredAt, timeZone) })}</small> : null}
            </td>
            <td>{formatDate(k.createdAt, timeZone)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { useTranslation } from 'react-i18next';
import type { CredentialVersionView, HistoryRow } from '../../../../shared/accounts';
import { formatDateTime, platformLabel } from '../../ui/format';

/** Credential versions with who proposed and who authorized them; never the secret. */
export function VersionsTable({ versions, timeZone, caption }: { versions: (CredentialVersionView | HistoryRow)[]; timeZone: string; caption: string }) {
  const { t } = useTranslation();
  const withAccount = versions.some((v) => 'account' in v);
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {withAccount ? <th scope="col">{t('history.account')}</th> : null}
          <th scope="col">{t('history.n')}</th>
          <th scope="col">{t('history.reason')}</th>
          <th scope="col">{t('history.proposedBy')}</th>
          <th scope="col">{t('history.authorizedBy')}</th>
          <th scope="col">{t('history.appliedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <tr key={v.id}>
            {'account' in v ? (
              <td>
                {v.account.displayName} <span className="muted">({platformLabel(v.account.platform)})</span>
              </td>
            ) : null}
            <td>{v.n}</td>
            <td>{t(`reasons.${v.reason}`)}</td>
            <td>
              {v.proposedBy.name} <span className="muted">· {formatDateTime(v.proposedAt, timeZone)}</span>
            </td>
            <td>
              {v.authorizedBy.name} <span className="muted">· {formatDateTime(v.authorizedAt, timeZone)}</span>
            </td>
            <td>{v.appliedAt ? formatDateTime(v.appliedAt, timeZone) : <span className="badge status-due_soon">{t('history.notApplied')}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

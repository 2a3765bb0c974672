import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StaffDetail } from '../../../../shared/staff';
import { paths } from '../../app/paths';
import { formatDateTime, platformLabel } from '../../ui/format';

/**
 * Every credential the person (or the keyholder they are) was shown or given — password versions,
 * recovery codes, seeds — with the ones still in force marked «vigente» (HAND-3: those must change
 * when they leave); ROLE-5's flags; and the institution phones they hold.
 */
export function Exposures({ person, timeZone }: { person: StaffDetail; timeZone: string }) {
  const { t } = useTranslation();
  return (
    <>
      <section aria-labelledby="exposures-title">
        <h2 id="exposures-title">{t('exposures.title')}</h2>
        {person.exposures.length === 0 ? (
          <p className="muted">{t('exposures.none')}</p>
        ) : (
          <table className="exposures-table">
            <thead>
              <tr>
                <th scope="col">{t('exposures.what')}</th>
                <th scope="col">{t('exposures.account')}</th>
                <th scope="col">{t('exposures.how')}</th>
                <th scope="col">{t('exposures.when')}</th>
                <th scope="col">{t('exposures.current')}</th>
              </tr>
            </thead>
            <tbody>
              {person.exposures.map((e) => (
                <tr key={`${e.item}-${e.accountId}-${e.version ?? ''}-${e.how}-${e.at}`}>
                  <td>{t(`exposures.items.${e.item}`, { version: e.version ?? '—' })}</td>
                  <td>
                    <Link to={paths.account(e.accountId)}>{e.accountName}</Link> <span className="muted">({platformLabel(e.platform)})</span>
                  </td>
                  <td>{t(`exposures.ways.${e.how}`)}</td>
                  <td>{formatDateTime(e.at, timeZone)}</td>
                  <td>
                    {e.current ? (
                      <span className="badge badge-warn">{t('exposures.currentYes')}</span>
                    ) : (
                      <span className="muted">{t('exposures.currentNo')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {person.sharedAccountFlags.length > 0 ? (
          <>
            <h3>{t('exposures.flagsTitle')}</h3>
            <ul className="flags">
              {person.sharedAccountFlags.map((f) => (
                <li key={f.accountId} className="notice">
                  {t('exposures.flag', { account: f.accountName, platform: platformLabel(f.platform) })}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <section aria-labelledby="devices-title">
        <h2 id="devices-title">{t('exposures.devices')}</h2>
        {person.devices.length === 0 ? (
          <p className="muted">{t('exposures.devicesNone')}</p>
        ) : (
          <ul>
            {person.devices.map((d) => (
              <li key={d.id}>{d.label}</li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

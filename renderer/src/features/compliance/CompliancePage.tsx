import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ACCOUNT_RULES, PERSON_RULES } from '../../../../shared/compliance';
import { RULES, type RuleId } from '../../../../shared/rules';
import { paths } from '../../app/paths';
import { api, call } from '../../bridge/api';
import { onVaultChanged } from '../../bridge/changes';
import { useLoad } from '../../bridge/useLoad';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime, platformLabel } from '../../ui/format';
import { ComplianceCellView } from './ComplianceCell';

/** A column header: the rule id, its short text for whoever hovers or reads it out. */
function RuleHeader({ rule }: { rule: RuleId }) {
  const { i18n } = useTranslation();
  const short = RULES.find((r) => r.id === rule)?.short;
  const text = short ? (i18n.language === 'en' ? short.en : short.es) : rule;
  return (
    <th scope="col">
      <abbr title={text}>{rule}</abbr>
    </th>
  );
}

/**
 * «Cumplimiento» (issue 17; SUP-1): accounts × rules and people × rules, each cell's state in words,
 * what is wrong and the link that fixes it; archived accounts apart; procedural rules in the legend.
 */
export function CompliancePage() {
  const { t, i18n } = useTranslation();
  const loaded = useLoad(useCallback(() => call(api().compliance.matrix({})), []));
  const { reload } = loaded;
  useEffect(() => onVaultChanged(reload), [reload]);
  if (!loaded.data) return <ErrorNotice error={loaded.refusal} />;
  const m = loaded.data;
  const shortOf = (rule: RuleId) => {
    const short = RULES.find((r) => r.id === rule)?.short;
    return short ? (i18n.language === 'en' ? short.en : short.es) : '';
  };

  return (
    <div className="panel compliance">
      <h1>{t('compliance.title')}</h1>
      <p className="muted">{t('compliance.intro')}</p>
      <p>
        {t('compliance.judgedAt', { when: formatDateTime(m.at, m.timeZone), zone: m.timeZone })}{' '}
        <strong>{t('compliance.counts', { red: m.counts.red, amber: m.counts.amber })}</strong>
      </p>

      <h2 id="compliance-accounts">{t('compliance.accounts')}</h2>
      {m.accounts.length === 0 ? <p className="muted">{t('compliance.noAccounts')}</p> : null}
      {m.accounts.length > 0 ? (
        <div className="table-scroll">
          <table className="compliance-table">
            <thead>
              <tr>
                <th scope="col">{t('compliance.account')}</th>
                {ACCOUNT_RULES.map((rule) => (
                  <RuleHeader key={rule} rule={rule} />
                ))}
              </tr>
            </thead>
            <tbody>
              {m.accounts.map((a) => (
                <tr key={a.accountId}>
                  <th scope="row">
                    <Link to={paths.account(a.accountId)}>{a.displayName}</Link> <small className="muted">{platformLabel(a.platform)}</small>
                    {a.pending ? <span className="badge badge-warn">{t('compliance.pending')}</span> : null}
                  </th>
                  {a.cells.map((c) => (
                    <ComplianceCellView key={c.rule} cell={c} rowName={a.displayName} timeZone={m.timeZone} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <h2 id="compliance-people">{t('compliance.people')}</h2>
      {m.people.length === 0 ? <p className="muted">{t('compliance.noPeople')}</p> : null}
      {m.people.length > 0 ? (
        <div className="table-scroll">
          <table className="compliance-table">
            <thead>
              <tr>
                <th scope="col">{t('compliance.person')}</th>
                {PERSON_RULES.map((rule) => (
                  <RuleHeader key={rule} rule={rule} />
                ))}
              </tr>
            </thead>
            <tbody>
              {m.people.map((p) => (
                <tr key={p.personId}>
                  <th scope="row">
                    <Link to={paths.person(p.personId)}>{p.name}</Link>
                  </th>
                  {p.cells.map((c) => (
                    <ComplianceCellView key={c.rule} cell={c} rowName={p.name} timeZone={m.timeZone} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {m.archived.length > 0 ? (
        <>
          <h2 id="compliance-archived">{t('compliance.archived')}</h2>
          <p className="muted">{t('compliance.archivedIntro')}</p>
          <table className="compliance-table">
            <thead>
              <tr>
                <th scope="col">{t('compliance.account')}</th>
                <RuleHeader rule="LIFE-3" />
              </tr>
            </thead>
            <tbody>
              {m.archived.map((a) => (
                <tr key={a.accountId} className="compliance-archived">
                  <th scope="row">
                    <Link to={paths.account(a.accountId)}>{a.displayName}</Link> <small className="muted">{platformLabel(a.platform)}</small>
                  </th>
                  <ComplianceCellView cell={a.cell} rowName={a.displayName} timeZone={m.timeZone} />
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      <section aria-labelledby="compliance-legend">
        <h2 id="compliance-legend">{t('compliance.legend')}</h2>
        <dl className="rule-legend">
          {[...new Set<RuleId>([...ACCOUNT_RULES, ...PERSON_RULES])].map((rule) => (
            <div key={rule}>
              <dt>{rule}</dt>
              <dd>{shortOf(rule)}</dd>
            </div>
          ))}
        </dl>
        <h3>{t('compliance.procedural')}</h3>
        <ul>
          {m.procedural.map((rule) => (
            <li key={rule}>
              <strong>{rule}</strong>: {shortOf(rule)} {rule === 'SUP-1' || rule === 'SUP-3' || rule === 'SUP-4' ? t(`compliance.proceduralWhy.${rule}`) : null}
            </li>
          ))}
        </ul>
        {m.notEvaluated.length > 0 ? <p className="muted">{t('compliance.notEvaluated', { rules: m.notEvaluated.join(', ') })}</p> : null}
      </section>
    </div>
  );
}

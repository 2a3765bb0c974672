import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonthlyReportView, MonthlySignResult } from '../../../../shared/reports';
import { api, call } from '../../bridge/api';
import { useLoad } from '../../bridge/useLoad';
import { SelectInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { RoleNote } from '../vault/RoleNote';
import { useVaultSession } from '../vault/session';
import { usePermissions } from '../vault/usePermissions';
import { SignReportDialog } from './SignReportDialog';

/** The months offered: the one in course and the 23 before it, in the institution's zone, newest first. */
export function recentMonths(now: Date, timeZone: string, count = 24): string[] {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(now);
  let y = Number(parts.find((p) => p.type === 'year')!.value);
  let m = Number(parts.find((p) => p.type === 'month')!.value);
  const months: string[] = [];
  for (let i = 0; i < count; i++) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    m -= 1;
    if (m === 0) [y, m] = [y - 1, 12];
  }
  return months;
}

/**
 * «Informe mensual» (SUP-3): a month of the institution's zone, its figures as main computes them
 * (the INPE indicator applied to credential changes first), and — for the head — «Firmar e
 * imprimir»: their passphrase, the PDF and the signed JSON saved through the save dialog.
 */
export function MonthlyReportPage() {
  const { t, i18n } = useTranslation();
  const { home } = useVaultSession();
  const permissions = usePermissions();
  const zone = home.institution.timeZone;
  const months = useMemo(() => recentMonths(new Date(), zone), [zone]);
  // The last complete month by default: the one a head signs.
  const [month, setMonth] = useState(months[1] ?? months[0]!);
  const [signing, setSigning] = useState(false);
  const [signed, setSigned] = useState<MonthlySignResult | null>(null);
  const loaded = useLoad(useCallback(() => call(api().reports.monthly({ month })), [month]));
  const label = (m: string) =>
    new Intl.DateTimeFormat(i18n.language === 'es' ? 'es-PE' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${m}-15T12:00:00Z`),
    );
  const r = loaded.data?.month === month ? loaded.data : null;

  return (
    <div className="panel">
      <h1>{t('reports.monthly.title')}</h1>
      <p className="muted">{t('reports.monthly.intro')}</p>
      <div className="field">
        <label htmlFor="report-month">{t('reports.monthly.month')}</label>
        <SelectInput
          id="report-month"
          value={month}
          onChange={(e) => {
            setSigned(null);
            setMonth(e.target.value);
          }}
        >
          {months.map((m) => (
            <option key={m} value={m}>
              {label(m)}
            </option>
          ))}
        </SelectInput>
      </div>
      <ErrorNotice error={loaded.refusal} />
      {r ? <Figures report={r} /> : null}
      {r && !r.complete ? <p className="notice">{t('reports.monthly.partial')}</p> : null}
      {permissions.may('report.sign') ? (
        <button type="button" className="primary" disabled={!r?.complete} onClick={() => setSigning(true)}>
          {t('reports.monthly.sign')}
        </button>
      ) : (
        <RoleNote action="report.sign" what={t('reports.monthly.sign')} />
      )}
      {signed ? (
        <p className={`notice ${signed.saved ? 'notice-ok' : ''}`} role="status" data-testid="report-signed">
          {signed.saved ? t('reports.monthly.signed', { fingerprint: signed.fingerprint, digest: signed.digest }) : t('reports.monthly.notSaved')}
        </p>
      ) : null}
      {signing ? (
        <SignReportDialog
          month={month}
          monthLabel={label(month)}
          signerId={permissions.keyholderId}
          onCancel={() => setSigning(false)}
          onDone={(result) => {
            setSigning(false);
            setSigned(result);
          }}
        />
      ) : null}
    </div>
  );
}

function Figures({ report: r }: { report: MonthlyReportView }) {
  const { t } = useTranslation();
  const f = r.figures;
  const rows: [keyof typeof FIGURE_KEYS, number][] = [
    ['passwords', f.changes.passwords],
    ['twoStep', f.changes.twoStep],
    ['outside', f.changes.outside],
    ['rotations', f.rotations.applied],
    ['onTime', f.rotations.onTime],
    ['late', f.rotations.late],
    ['overdue', f.rotations.overdueAtMonthEnd],
    ['exposures', f.exposures.total],
    ['exported', f.exposures.exported],
    ['roleGrants', f.requests.roleGrants],
    ['roleRevocations', f.requests.roleRevocations],
    ['departures', f.requests.departures],
    ['altas', f.requests.altas],
    ['bajas', f.requests.bajas],
    ['imports', f.requests.inventoryImports],
    ['exports', f.requests.vaultExports],
    ['incidents', f.incidents.recorded],
    ['incidentsOpen', f.incidents.openAtMonthEnd],
    ['handovers', f.handovers.completed],
    ['complianceRed', r.compliance.red],
  ];
  return (
    <section aria-labelledby="report-indicator">
      <h2 id="report-indicator">{t('reports.monthly.indicator')}</h2>
      <p className="lead" data-testid="report-share">
        {f.changes.sharePercent === null
          ? t('reports.monthly.noChanges')
          : t('reports.monthly.share', { authorized: f.changes.authorized, total: f.changes.total, percent: f.changes.sharePercent })}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('reports.monthly.figure')}</th>
            <th scope="col">{t('reports.monthly.count')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, value]) => (
            <tr key={key}>
              <th scope="row">{t(FIGURE_KEYS[key])}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        {t('reports.monthly.chain', { seq: r.audit.seq })} <code>{r.audit.head.slice(0, 16)}</code>
      </p>
    </section>
  );
}

const FIGURE_KEYS = {
  passwords: 'reports.monthly.figures.passwords',
  twoStep: 'reports.monthly.figures.twoStep',
  outside: 'reports.monthly.figures.outside',
  rotations: 'reports.monthly.figures.rotations',
  onTime: 'reports.monthly.figures.onTime',
  late: 'reports.monthly.figures.late',
  overdue: 'reports.monthly.figures.overdue',
  exposures: 'reports.monthly.figures.exposures',
  exported: 'reports.monthly.figures.exported',
  roleGrants: 'reports.monthly.figures.roleGrants',
  roleRevocations: 'reports.monthly.figures.roleRevocations',
  departures: 'reports.monthly.figures.departures',
  altas: 'reports.monthly.figures.altas',
  bajas: 'reports.monthly.figures.bajas',
  imports: 'reports.monthly.figures.imports',
  exports: 'reports.monthly.figures.exports',
  incidents: 'reports.monthly.figures.incidents',
  incidentsOpen: 'reports.monthly.figures.incidentsOpen',
  handovers: 'reports.monthly.figures.handovers',
  complianceRed: 'reports.monthly.figures.complianceRed',
} as const;

import { useTranslation } from 'react-i18next';
import type { ImportRowView } from '../../../../shared/import';
import { platformLabel } from '../../ui/format';

/** Every row as main judged it, by its number in the spreadsheet: refused ones with why, and the rule. */
/** A KeePass entry also carries its group path and title (`label`), shown where the row gave no account. */
export function ImportRows({ rows }: { rows: (ImportRowView & { label?: string })[] }) {
  const { t } = useTranslation();
  const problem = (p: ImportRowView['problems'][number]) => {
    const reason = t(`import.reasons.${p.reason}`);
    const text = p.field ? t('import.field', { field: t(`import.fields.${p.field}`), reason }) : reason;
    return p.rule ? `${text} · ${t('import.rule', { rule: p.rule })}` : text;
  };
  return (
    <div className="import-rows">
      <table data-testid="import-rows">
        <thead>
          <tr>
            <th scope="col">{t('import.row')}</th>
            <th scope="col">{t('import.account')}</th>
            <th scope="col">{t('import.verdict')}</th>
            <th scope="col">{t('import.problems')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.row} className={`import-${r.verdict}`} data-row={r.row}>
              <td>{r.row}</td>
              <td>
                {r.account
                  ? [r.account.displayName, r.account.platform ? platformLabel(r.account.platform) : null].filter(Boolean).join(' · ')
                  : r.label
                    ? r.label
                    : r.problems.some((p) => p.reason === 'malformed')
                      ? t('import.unreadable')
                      : '—'}
              </td>
              <td>
                <span className={`badge verdict-${r.verdict}`}>{t(`import.verdicts.${r.verdict}`)}</span>
              </td>
              <td>
                {r.problems.length === 0 ? null : (
                  <ul className="plain">
                    {r.problems.map((p, i) => (
                      <li key={i}>{problem(p)}</li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

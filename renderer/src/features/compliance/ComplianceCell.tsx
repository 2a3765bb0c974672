import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ComplianceCell as Cell, ComplianceReason } from '../../../../shared/compliance';
import { formatDate } from '../../ui/format';
import { fixPath } from './fix-path';

/** A reason's words, its dates in the institution's zone; `count` becomes `n` (a reason is a sentence, not a plural key). */
export function useReasonText(timeZone: string) {
  const { t } = useTranslation();
  return (reason: ComplianceReason): string => {
    const params: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(reason.params ?? {}))
      params[key === 'count' ? 'n' : key] = key === 'dueAt' || key === 'end' ? formatDate(String(value), timeZone) : value;
    return t(`compliance.reasons.${reason.code}`, params);
  };
}

/**
 * One cell: its state in words (never colour alone), why when it is not green, and a link to the
 * screen that fixes it, named for screen readers with the rule and the row.
 */
export function ComplianceCellView({ cell, rowName, timeZone }: { cell: Cell; rowName: string; timeZone: string }) {
  const { t } = useTranslation();
  const reasonText = useReasonText(timeZone);
  const quiet = cell.state === 'green' || cell.state === 'not_applicable';
  return (
    <td className={`compliance-cell compliance-${cell.state}`} data-rule={cell.rule}>
      <span className="compliance-state">{t(`compliance.states.${cell.state}`)}</span>
      {!quiet && cell.reasons.length > 0 ? (
        <ul className="compliance-reasons">
          {cell.reasons.map((r, i) => (
            <li key={i}>{reasonText(r)}</li>
          ))}
        </ul>
      ) : null}
      {cell.fix ? (
        <Link to={fixPath(cell.fix)} aria-label={t('compliance.fixFor', { rule: cell.rule, name: rowName })}>
          {t('compliance.fix')}
        </Link>
      ) : null}
    </td>
  );
}

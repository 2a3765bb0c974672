import { useTranslation } from 'react-i18next';
import type { StaffSummary } from '../../../../shared/staff';

/**
 * The people of the registry who could become keyholders: active and not keyholders already. Each
 * says its link, so that whoever chooses sees that only permanent staff qualify; main refuses the
 * others citing ROLE-3, and that refusal is shown as it comes.
 */
export function PersonOptions({ people }: { people: readonly StaffSummary[] }) {
  const { t } = useTranslation();
  const candidates = people.filter((p) => p.status === 'active' && p.keyholderId === null);
  return (
    <>
      <option value="">{t('keyholders.enrol.choose')}</option>
      {candidates.map((p) => (
        <option key={p.id} value={p.id}>
          {p.link ? t('keyholders.personOption', { name: p.name, link: t(`staff.links.${p.link}`) }) : t('keyholders.personOptionIncomplete', { name: p.name })}
        </option>
      ))}
    </>
  );
}

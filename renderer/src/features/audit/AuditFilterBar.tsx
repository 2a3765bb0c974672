import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyholderView } from '../../../../shared/contract';
import { api, call } from '../../bridge/api';
import { useLoad } from '../../bridge/useLoad';
import { SelectInput } from '../../ui/controls';
import { DateField } from '../../ui/DateField';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { EVENT_GROUPS, type EventGroup } from './useEventWords';
import { NO_FILTERS, type AuditFilters } from './useAuditLog';

const isGroup = (value: string): value is EventGroup => EVENT_GROUPS.some((g) => g.id === value);

/** Kind of event, who signed it, whom and which account it is about, and a range of days in the institution's zone. */
export function AuditFilterBar({
  filters,
  onChange,
  keyholders,
  timeZone,
}: {
  filters: AuditFilters;
  onChange: (next: AuditFilters) => void;
  keyholders: KeyholderView[];
  timeZone: string;
}) {
  const { t } = useTranslation();
  const lists = useLoad(
    useCallback(async () => {
      const [accounts, people] = await Promise.all([call(api().accounts.list({})), call(api().people.list({}))]);
      return { accounts, people };
    }, []),
  );
  const set = (patch: Partial<AuditFilters>) => onChange({ ...filters, ...patch });
  const people = [...keyholders.map((k) => ({ id: k.id, name: k.name })), ...(lists.data?.people ?? [])];
  return (
    <fieldset className="filters">
      <legend>{t('audit.filters')}</legend>
      <div className="row">
        <div className="field">
          <label htmlFor="audit-kind">{t('audit.kind')}</label>
          <SelectInput id="audit-kind" value={filters.group} onChange={(e) => set({ group: isGroup(e.target.value) ? e.target.value : '' })}>
            <option value="">{t('audit.allKinds')}</option>
            {EVENT_GROUPS.map((g) => (
              <option key={g.id} value={g.id}>
                {t(`audit.kinds.${g.id}`)}
              </option>
            ))}
          </SelectInput>
        </div>
        <div className="field">
          <label htmlFor="audit-keyholder">{t('audit.keyholder')}</label>
          <SelectInput id="audit-keyholder" value={filters.keyholderId} onChange={(e) => set({ keyholderId: e.target.value })}>
            <option value="">{t('audit.allKeyholders')}</option>
            {keyholders.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name} ({t(`roles.${k.role}`)})
              </option>
            ))}
          </SelectInput>
        </div>
        <div className="field">
          <label htmlFor="audit-person">{t('audit.person')}</label>
          <SelectInput id="audit-person" value={filters.personId} onChange={(e) => set({ personId: e.target.value })}>
            <option value="">{t('audit.allPeople')}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectInput>
        </div>
        <div className="field">
          <label htmlFor="audit-account">{t('audit.account')}</label>
          <SelectInput id="audit-account" value={filters.accountId} onChange={(e) => set({ accountId: e.target.value })}>
            <option value="">{t('audit.allAccounts')}</option>
            {(lists.data?.accounts ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.displayName}
              </option>
            ))}
          </SelectInput>
        </div>
      </div>
      <div className="row">
        <DateField label={t('audit.from')} value={filters.from} onChange={(from) => set({ from })} timeZone={timeZone} />
        <DateField label={t('audit.to')} value={filters.to} onChange={(to) => set({ to })} timeZone={timeZone} />
        <div className="field field-action">
          <button type="button" onClick={() => onChange(NO_FILTERS)} disabled={filters === NO_FILTERS}>
            {t('audit.clear')}
          </button>
        </div>
      </div>
      <ErrorNotice error={lists.refusal} />
    </fieldset>
  );
}

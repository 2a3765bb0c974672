import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { platformById } from '../../../../shared/platforms';
import { roleGrantRequest } from '../../../../shared/staff';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { useLoad } from '../../bridge/useLoad';
import { SelectInput, TextArea, TextInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { platformLabel } from '../../ui/format';
import { DuplicateLink } from '../cosign/DuplicateLink';
import { RoleNote } from '../vault/RoleNote';
import { useStaffWords } from './useStaffWords';

const grantForm = roleGrantRequest.omit({ personId: true });
type GrantValues = z.input<typeof grantForm>;
/** A screenful of matches: the account is found by typing, not by scrolling thousands. */
const MATCHES = 50;

/**
 * Proposes a role for the person on one account: the account found by name, handle or platform,
 * the role chosen from that platform's own vocabulary, admin-level roles marked (ROLE-1, ROLE-2).
 * Main judges ROLE-1..ROLE-4 now and again when the head authorizes; a refusal names its rule.
 */
export function GrantForm({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const words = useStaffWords();
  const ids = useId();
  const [query, setQuery] = useState('');
  const [sent, setSent] = useState(false);
  const matches = useLoad(useCallback(() => call(api().accounts.page({ query, offset: 0, limit: MATCHES })), [query]));
  const { register, handleSubmit, control, reset, setValue } = useForm<GrantValues, unknown, z.output<typeof grantForm>>({
    resolver: zodResolver(grantForm),
    defaultValues: { accountId: '', role: '', note: '' },
  });
  const [accountId, role] = useWatch({ control, name: ['accountId', 'role'] });
  // The chosen account stays chosen while the search changes.
  const [picked, setPicked] = useState<{ id: string; name: string; platform: string } | null>(null);
  const items = matches.data?.items ?? [];
  const options = picked && !items.some((a) => a.id === picked.id) ? [{ id: picked.id, displayName: picked.name, platform: picked.platform }, ...items] : items;
  const platform = picked ? platformById(picked.platform) : undefined;
  const grant = useAction(({ note, ...g }: z.output<typeof grantForm>) => call(api().roles.grant({ ...g, personId, ...(note ? { note } : {}) })));

  const submit = handleSubmit(async (values) => {
    setSent(false);
    if (!(await grant.run(values)).ok) return;
    setSent(true);
    setPicked(null);
    reset();
  });

  return (
    <form className="subpanel grant-form" aria-labelledby={`${ids}-title`} onSubmit={submit} noValidate>
      <h3 id={`${ids}-title`}>{t('grants.grantTitle')}</h3>
      <div className="row">
        <div className="field">
          <label htmlFor={`${ids}-search`}>{t('grants.search')}</label>
          <TextInput id={`${ids}-search`} type="search" value={query} aria-describedby={`${ids}-search-hint`} onChange={(e) => setQuery(e.target.value)} />
          <small id={`${ids}-search-hint`}>{t('grants.searchHint')}</small>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-account`}>{t('grants.chooseAccount')}</label>
          <SelectInput
            id={`${ids}-account`}
            {...register('accountId', {
              onChange: (e: { target: { value: string } }) => {
                const chosen = options.find((a) => a.id === e.target.value);
                setPicked(chosen ? { id: chosen.id, name: chosen.displayName, platform: chosen.platform } : null);
                setValue('role', '');
              },
            })}
          >
            <option value="">{options.length === 0 && matches.data ? t('grants.noMatch') : t('grants.accountPlaceholder')}</option>
            {options.map((a) => (
              <option key={a.id} value={a.id}>
                {a.displayName} ({platformLabel(a.platform)})
              </option>
            ))}
          </SelectInput>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-role`}>{t('grants.chooseRole')}</label>
        <SelectInput id={`${ids}-role`} disabled={!platform} aria-describedby={`${ids}-role-hint`} {...register('role')}>
          <option value="">{t('grants.rolePlaceholder')}</option>
          {(platform?.roles ?? []).map((r) => (
            <option key={r.id} value={r.id}>
              {words.role(platform?.id ?? null, r.id, r.admin)}
            </option>
          ))}
        </SelectInput>
        <small id={`${ids}-role-hint`}>{t('grants.adminHint')}</small>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-note`}>{t('grants.note')}</label>
        <TextArea id={`${ids}-note`} maxLength={500} {...register('note')} />
      </div>
      <ErrorNotice error={grant.refusal ?? matches.refusal} />
      <DuplicateLink refusal={grant.refusal} />
      {sent ? (
        <p className="notice notice-ok" role="status">
          {t('grants.sent')}
        </p>
      ) : null}
      <RoleNote action="role.propose" what={t('grants.grantWhat')} />
      <div className="actions">
        <button type="submit" className="primary" disabled={grant.busy || !accountId || !role}>
          {t('grants.submit')}
        </button>
      </div>
    </form>
  );
}

import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AccountDetail } from '../../../../shared/accounts';
import { VERIFICATION_STATUSES, type VerificationStatus } from '../../../../shared/lifecycle';
import { paths } from '../../app/paths';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { useLoad } from '../../bridge/useLoad';
import { SelectInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Fact } from '../../ui/Fact';
import { Field } from '../../ui/Field';
import { formatDateTime } from '../../ui/format';
import { useStaffWords } from '../staff/useStaffWords';
import { usePermissions } from '../vault/usePermissions';

const FORM_TEXTS = ['description', 'objective', 'postingPlan', 'indicators', 'otherData'] as const;

/**
 * An account's lifecycle on its page (issue 17): «en trámite», rejected, archived or being
 * decommissioned (LIFE-1, LIFE-3), past its end (LIFE-2), its Formulario A, the platform's
 * verification (SEC-4), and the «Modificar» and «Solicitar baja» actions for an account in force.
 */
export function LifecycleSection({ account, timeZone }: { account: AccountDetail; timeZone: string }) {
  const { t } = useTranslation();
  const { may } = usePermissions();
  const staff = useStaffWords();
  const loaded = useLoad(useCallback(() => call(api().lifecycle.get({ accountId: account.id })), [account.id]));
  const [verification, setVerification] = useState<VerificationStatus | null>(null);
  const save = useAction((status: VerificationStatus) => call(api().lifecycle.setVerification({ accountId: account.id, status })));
  const life = loaded.data;
  if (!life) return <ErrorNotice error={loaded.refusal} />;
  const active = account.status === 'active';
  const chosen = verification ?? life.verification;
  return (
    <section aria-labelledby="lifecycle-title">
      <h2 id="lifecycle-title">{t('lifecycle.status.title')}</h2>
      {account.status === 'pending' ? <p role="status">{t('lifecycle.status.pending')}</p> : null}
      {account.status === 'rejected' ? <p role="status">{t('lifecycle.status.rejected')}</p> : null}
      {life.archivedAt ? <p>{t('lifecycle.status.archived', { when: formatDateTime(life.archivedAt, timeZone) })}</p> : null}
      {life.decommissioning ? <p role="status">{t('lifecycle.status.decommissioning')}</p> : null}
      {life.pastEnd ? <p className="warning">{t('lifecycle.status.pastEnd', { date: account.supportEnd })}</p> : null}
      {active && (may('account.modify') || may('account.decommission')) ? (
        <div className="actions">
          {may('account.modify') && !life.decommissioning ? (
            <Link className="button" to={paths.modifyAccount(account.id)}>
              {t('lifecycle.modify.action')}
            </Link>
          ) : null}
          {may('account.decommission') && !life.decommissioning ? (
            <Link className="button" to={paths.decommissionAccount(account.id)}>
              {t('lifecycle.decommission.action')}
            </Link>
          ) : null}
        </div>
      ) : null}
      <h3>{t('lifecycle.form.title')}</h3>
      {life.form ? (
        <dl className="facts">
          {FORM_TEXTS.map((name) => (
            <Fact key={name} label={t(`lifecycle.fields.form.${name}`)}>
              {life.form![name] ?? null}
            </Fact>
          ))}
          <Fact label={t('lifecycle.fields.form.authorizedUsers')}>
            {life.form.authorizedUsers.length > 0
              ? life.form.authorizedUsers.map((u) => `${u.name} (${staff.role(account.platform, u.role)})`).join(', ')
              : t('lifecycle.form.noUsers')}
          </Fact>
        </dl>
      ) : (
        <p className="warning">{t('lifecycle.form.withoutForm')}</p>
      )}
      {active && may('account.verification') ? (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void save.run(chosen).then((r) => r.ok && loaded.reload());
          }}
        >
          <Field label={t('lifecycle.verification.label')}>
            {({ id }) => (
              <SelectInput id={id} value={chosen} onChange={(e) => setVerification(e.target.value as VerificationStatus)}>
                {VERIFICATION_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`lifecycle.verification.${s}`)}
                  </option>
                ))}
              </SelectInput>
            )}
          </Field>
          <button type="submit" disabled={save.busy || chosen === life.verification}>
            {t('lifecycle.verification.save')}
          </button>
        </form>
      ) : (
        <dl className="facts">
          <Fact label={t('lifecycle.verification.label')}>{t(`lifecycle.verification.${life.verification}`)}</Fact>
        </dl>
      )}
      <ErrorNotice error={save.refusal} />
    </section>
  );
}

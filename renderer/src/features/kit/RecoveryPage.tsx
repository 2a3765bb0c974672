import { useTranslation } from 'react-i18next';
import type { RecoveryState } from '../../../../shared/kit';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { EnrolForm } from './EnrolForm';

/**
 * Recovery mode (issue 18, scope 6; docs/decisions/0009-emergency-kit.md): the vault opened by the
 * emergency kit, whose only action is enrolling new keyholders. «Terminar la recuperación» revokes
 * every former keyholder and re-keys the vault in one step (main needs a head and an account
 * administrator); «Cancelar» leaves it as it was, the kit's use already on the record.
 */
export function RecoveryPage({
  state,
  onChange,
  onEnded,
}: {
  state: RecoveryState;
  onChange: (state: RecoveryState) => void;
  onEnded: (how: 'finished' | 'cancelled') => void;
}) {
  const { t, i18n } = useTranslation();
  // «el Jefe de la Oficina y el Administrador de Cuentas»: every missing role is needed.
  const roles = (missing: readonly RecoveryState['missingRoles'][number][]) =>
    new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(missing.map((r) => t(`permissions.roleWithArticle.${r}`)));
  const finish = useAction(() => call(api().kit.finish({})));
  const cancel = useAction(() => call(api().kit.cancel({})));
  const busy = finish.busy || cancel.busy;

  return (
    <div className="panel" data-testid="recovery-mode">
      <h1>{t('kit.recovery.title')}</h1>
      <p className="warning">{t('kit.recovery.intro', { institution: state.institution.name, acronym: state.institution.acronym })}</p>

      <h2 id="recovery-lost-title">{t('kit.recovery.lost')}</h2>
      <Keyholders labelledBy="recovery-lost-title" rows={state.keyholders} />

      <h2 id="recovery-enrolled-title">{t('kit.recovery.enrolled')}</h2>
      {state.enrolled.length > 0 ? (
        <Keyholders labelledBy="recovery-enrolled-title" rows={state.enrolled} testId="recovery-enrolled" />
      ) : (
        <p className="muted">{t('kit.recovery.noneEnrolled')}</p>
      )}
      <p className={state.missingRoles.length > 0 ? 'notice' : 'notice notice-ok'} role="status" data-testid="recovery-missing">
        {state.missingRoles.length > 0 ? t('kit.recovery.missing', { roles: roles(state.missingRoles) }) : t('kit.recovery.complete')}
      </p>

      <EnrolForm state={state} onEnrolled={onChange} />

      <section aria-labelledby="recovery-finish-title">
        <h2 id="recovery-finish-title">{t('kit.recovery.finishTitle')}</h2>
        <p>{t('kit.recovery.finishIntro')}</p>
        <ErrorNotice error={finish.refusal} />
        <ErrorNotice error={cancel.refusal} />
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={busy || state.missingRoles.length > 0}
            onClick={() => void finish.run().then((r) => r.ok && onEnded('finished'))}
          >
            {finish.busy ? t('kit.recovery.finishing') : t('kit.recovery.finish')}
          </button>
          <button type="button" disabled={busy} onClick={() => void cancel.run().then((r) => r.ok && onEnded('cancelled'))}>
            {t('kit.recovery.cancel')}
          </button>
        </div>
      </section>
    </div>
  );
}

function Keyholders({ rows, labelledBy, testId }: { rows: RecoveryState['keyholders']; labelledBy: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <table aria-labelledby={labelledBy} data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('kit.recovery.name')}</th>
          <th scope="col">{t('kit.recovery.role')}</th>
          <th scope="col">{t('kit.recovery.fingerprint')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((k) => (
          <tr key={k.id}>
            <td>{k.name}</td>
            <td>{t(`roles.${k.role}`)}</td>
            <td>
              <code>{k.fingerprint}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyholderView } from '../../../../shared/contract';
import type { TotpStatus } from '../../../../shared/two-step';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime } from '../../ui/format';
import { DuplicateLink } from '../cosign/DuplicateLink';
import { RoleNote } from '../vault/RoleNote';
import { usePermissions } from '../vault/usePermissions';
import { ExportQr } from './ExportQr';
import { LiveCode } from './LiveCode';
import { RecoveryCodes } from './RecoveryCodes';
import { SeedForm } from './SeedForm';
import { TwoStepStatus } from './TwoStepStatus';

/**
 * Two-step verification (SEC-1): the account's TOTP seed, kept in the vault. The renderer only
 * ever holds codes; a new, replaced or removed seed is a co-signed request, offered only to whoever
 * may propose it (shared/permissions.ts).
 */
export function TwoStep({
  accountId,
  status,
  timeZone,
  keyholders,
  onProposed,
}: {
  accountId: string;
  status: TotpStatus | null;
  timeZone: string;
  keyholders: KeyholderView[];
  onProposed: () => void;
}) {
  const { t } = useTranslation();
  const { may } = usePermissions();
  const [replacing, setReplacing] = useState(false);
  const [sent, setSent] = useState(false);
  const requested = () => {
    setSent(true);
    onProposed();
  };
  const removal = useAction(async () => {
    await call(api().totp.remove({ accountId }));
    requested();
  });

  return (
    <section aria-labelledby="two-step-title">
      <h2 id="two-step-title">{t('twoStep.title')}</h2>
      {status ? (
        <>
          <p>
            {t('twoStep.inVault', { issuer: status.issuer ?? '—', label: status.label ?? '—' })}{' '}
            <span className="muted">
              {t('twoStep.setBy', { proposer: status.proposedBy.name, approver: status.authorizedBy.name, when: formatDateTime(status.setAt, timeZone) })}
            </span>
          </p>
          {may('totp.codes') ? <LiveCode accountId={accountId} /> : null}
          {may('totp.export') ? (
            <ExportQr accountId={accountId} onRequested={requested} />
          ) : (
            <RoleNote action="totp.export" what={t('twoStep.requestExport')} />
          )}
          {may('totp.propose') || may('totp.remove') ? (
            <div className="row-actions">
              {may('totp.propose') ? (
                <button type="button" onClick={() => setReplacing(!replacing)}>
                  {t('twoStep.replace')}
                </button>
              ) : null}
              {may('totp.remove') ? (
                <button type="button" onClick={() => void removal.run()}>
                  {t('twoStep.remove')}
                </button>
              ) : null}
            </div>
          ) : null}
        </>
      ) : (
        <p className="muted">{t('twoStep.none')}</p>
      )}
      {sent ? (
        <p className="notice notice-ok" role="status">
          {t('twoStep.proposed')}
        </p>
      ) : null}
      {!status || replacing ? (
        may('totp.propose') ? (
          <SeedForm
            accountId={accountId}
            onProposed={() => {
              setReplacing(false);
              requested();
            }}
          />
        ) : (
          <RoleNote action="totp.propose" what={t('twoStep.add')} />
        )
      ) : null}
      <ErrorNotice error={removal.refusal} />
      <DuplicateLink refusal={removal.refusal} />
      <RecoveryCodes accountId={accountId} timeZone={timeZone} />
      <TwoStepStatus accountId={accountId} keyholders={keyholders} />
    </section>
  );
}

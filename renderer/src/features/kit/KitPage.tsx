import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KitPrinted, KitStatus } from '../../../../shared/kit';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { useLoad } from '../../bridge/useLoad';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Fact } from '../../ui/Fact';
import { formatDateTime } from '../../ui/format';
import { RoleNote } from '../vault/RoleNote';
import { useVaultSession } from '../vault/session';
import { usePermissions } from '../vault/usePermissions';
import { KitRequestForm } from './KitRequestForm';

/**
 * «Kit de emergencia» (issue 18, scope 6; docs/decisions/0009-emergency-kit.md): what the kit is,
 * the kit in force, the administrator's request (the head authorizes it, POL-5) and, once
 * authorized, its printing: main generates the key, saves the PDF where its dialog says and the
 * screen only learns the file's name, the kit's fingerprint and the chain head — never the key.
 */
export function KitPage() {
  const { t } = useTranslation();
  const { may } = usePermissions();
  const { home } = useVaultSession();
  const status = useLoad(useCallback(() => call(api().kit.status({})), []));
  // Kept here: once printed, the request leaves the printable list, and the notice must stay.
  const [printed, setPrinted] = useState<KitPrinted | null>(null);

  return (
    <div className="panel">
      <h1>{t('kit.title')}</h1>
      <p className="lead">{t('kit.intro')}</p>
      <ErrorNotice error={status.refusal} />
      {status.data ? <InForce status={status.data} timeZone={home.institution.timeZone} /> : null}
      {status.data && status.data.printable.length > 0 ? (
        <Printable
          status={status.data}
          onPrinted={(value) => {
            setPrinted(value);
            if (value?.saved) status.reload();
          }}
        />
      ) : null}
      <PrintedNotice printed={printed} />
      {may('kit.propose') ? (
        <KitRequestForm />
      ) : (
        <section aria-labelledby="kit-request-title">
          <h2 id="kit-request-title">{t('kit.request.title')}</h2>
          <RoleNote action="kit.propose" what={t('kit.request.what')} />
        </section>
      )}
    </div>
  );
}

function InForce({ status, timeZone }: { status: KitStatus; timeZone: string }) {
  const { t } = useTranslation();
  const kit = status.inForce;
  return (
    <section aria-labelledby="kit-in-force-title" data-testid="kit-in-force">
      <h2 id="kit-in-force-title">{t('kit.inForce.title')}</h2>
      {kit ? (
        <dl className="facts">
          <Fact label={t('kit.inForce.issuedAt')}>{formatDateTime(kit.issuedAt, timeZone)}</Fact>
          <Fact label={t('kit.inForce.fingerprint')}>
            <code>{kit.fingerprint}</code>
          </Fact>
          <Fact label={t('kit.inForce.form')}>{kit.shares ? t('kit.inForce.shares', kit.shares) : t('kit.inForce.single')}</Fact>
        </dl>
      ) : (
        <p className="muted">{t('kit.inForce.none')}</p>
      )}
      {status.newKitNeeded && status.reason ? <p className="warning">{t(`kit.home.${status.reason}`)}</p> : null}
    </section>
  );
}

/** Authorized requests, printed once each (`kit.print`): main's save dialog chooses the file. */
function Printable({ status, onPrinted }: { status: KitStatus; onPrinted: (printed: KitPrinted | null) => void }) {
  const { t } = useTranslation();
  const print = useAction((requestId: string) => call(api().kit.print({ requestId })));
  return (
    <section aria-labelledby="kit-print-title">
      <h2 id="kit-print-title">{t('kit.print.title')}</h2>
      <ul>
        {status.printable.map((p) => (
          <li key={p.requestId}>
            <span>{p.shares ? t('kit.print.shares', p.shares) : t('kit.print.single')}</span>{' '}
            <button
              type="button"
              className="primary"
              disabled={print.busy}
              onClick={() => {
                onPrinted(null);
                void print.run(p.requestId).then((r) => r.ok && onPrinted(r.value));
              }}
            >
              {print.busy ? t('kit.print.printing') : t('kit.print.button')}
            </button>
          </li>
        ))}
      </ul>
      <ErrorNotice error={print.refusal} />
    </section>
  );
}

function PrintedNotice({ printed }: { printed: KitPrinted | null }) {
  const { t } = useTranslation();
  if (!printed) return null;
  if (!printed.saved)
    return (
      <p className="muted" role="status" data-testid="kit-printed">
        {t('kit.print.cancelled')}
      </p>
    );
  return (
    <div className="notice notice-ok" role="status" data-testid="kit-printed">
      <p>{t('kit.print.saved', { file: printed.file, fingerprint: printed.kit.fingerprint, seq: printed.chainHead.seq, head: printed.chainHead.short })}</p>
      <p>
        <strong>{t('kit.print.then')}</strong>
      </p>
    </div>
  );
}

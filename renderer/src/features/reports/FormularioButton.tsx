import { useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formularioOf, type FormularioResult } from '../../../../shared/reports';
import type { RequestView } from '../../../../shared/requests';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { may } from '../../../../shared/permissions';
import { VaultSessionContext } from '../vault/session';

/**
 * «Imprimir Formulario A/B» (LIFE-4; MITIC Anexo II) for a request that is an alta, baja or
 * modificación of a profile or of a user: main writes the PDF where the person chooses, a draft
 * («BORRADOR») until the head authorizes the request. Nothing for other kinds.
 */
export function FormularioButton({ request }: { request: Pick<RequestView, 'id' | 'kind' | 'state'> }) {
  const { t } = useTranslation();
  // Read without requiring a session: a request card is also shown where none is open (nothing is offered then).
  const session = useContext(VaultSessionContext);
  const [result, setResult] = useState<FormularioResult | null>(null);
  const print = useAction(() => call(api().reports.formulario({ requestId: request.id })), { reads: true });
  const of = formularioOf(request.kind);
  if (!of || !session || !may(session.home.session.role, 'form.print')) return null;
  const authorized = request.state === 'authorized' || request.state === 'applied';

  const run = async () => {
    setResult(null);
    const done = await print.run();
    if (done.ok) setResult(done.value);
  };
  return (
    <div className="formulario">
      <button type="button" onClick={() => void run()} disabled={print.busy} title={authorized ? undefined : t('reports.formulario.draftHint')}>
        {t(`reports.formulario.print_${of.form}`)}
      </button>
      {result ? (
        <p className={`notice ${result.saved ? 'notice-ok' : ''}`} role="status">
          {result.saved
            ? t(result.draft ? 'reports.formulario.savedDraft' : 'reports.formulario.saved', { form: result.form })
            : t('reports.formulario.cancelled')}
        </p>
      ) : null}
      <ErrorNotice error={print.refusal} />
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { KeyholderView } from '../../../../shared/contract';
import type { ChangeKindId } from '../../../../shared/domain';
import { kindPolicy } from '../../../../shared/permissions';
import type { RequestView } from '../../../../shared/requests';
import type { AppError } from '../../../../shared/result';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { TextArea, TextInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useFocusTrap } from '../../ui/useFocusTrap';
import { RekeyProgress, useRekeyProgress } from '../keyholders/RekeyProgress';
import { useRoleList } from '../vault/RoleNote';
import { RequestFacts } from './RequestFacts';

/** Each family of requests has its own dialog title. */
const TITLE_FAMILY = {
  'credential.rotate': '',
  'settings.update': 'Settings',
  'totp.set': 'Totp',
  'totp.remove': 'Totp',
  'totp.export': 'Totp',
  'recovery.replace': 'Totp',
  'person.register': 'Staff',
  'person.update': 'Staff',
  'person.depart': 'Staff',
  'role.grant': 'Role',
  'role.revoke': 'Role',
  'keyholder.enrol': 'Keyholder',
  'keyholder.revoke': 'Keyholder',
  'account.create': 'Account',
  'account.modify': 'Account',
  'account.decommission': 'Account',
  'inventory.import': 'Inventory',
  'vault.export': 'Export',
  'kit.issue': 'Kit',
  'vault.restore': 'Restore',
} as const satisfies Record<ChangeKindId, string>;

type Mode = 'approve' | 'reject';
interface Decision {
  approverId: string;
  passphrase: string;
  reason: string;
}

/** A refusal names the kind of change it is about («Solo el Jefe de la Oficina autoriza los cambios de configuración»). */
const aboutKind = (error: AppError | null, kind: ChangeKindId): AppError | null => (error ? { ...error, details: { kind, ...error.details } } : null);

/**
 * The co-sign dialog (POL-5): it restates what is signed, offers as deciders only the keyholders
 * whose role decides this kind and who did not propose it, and takes the decider's own passphrase
 * at this workstation. The same dialog authorizes or rejects with a reason. Keyboard focus stays
 * inside it; Escape cancels and focus goes back to where it was.
 */
export function CosignDialog({
  request,
  mode: initialMode,
  keyholders,
  zone,
  now,
  onDone,
  onCancel,
}: {
  request: RequestView;
  mode: Mode;
  keyholders: KeyholderView[];
  zone: string;
  now: number;
  onDone: (mode: Mode) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const roles = useRoleList();
  const [mode, setMode] = useState<Mode>(initialMode);
  const approverRoles = kindPolicy(request.kind).approverRoles;
  const deciders = keyholders.filter((k) => k.status === 'active' && k.id !== request.proposedBy.keyholderId && approverRoles.includes(k.role));
  // A choice is never made for the person: only a single possible decider is already chosen.
  const { register, handleSubmit, control, setValue, setFocus } = useForm<Decision>({
    defaultValues: { approverId: deciders.length === 1 ? deciders[0]!.id : '', passphrase: '', reason: '' },
  });
  const [approverId, passphrase, reason] = useWatch({ control, name: ['approverId', 'passphrase', 'reason'] });
  const decide = useAction((d: Decision) =>
    mode === 'approve'
      ? call(api().cosign.approve({ requestId: request.id, approverId: d.approverId, passphrase: d.passphrase }))
      : call(api().cosign.reject({ requestId: request.id, approverId: d.approverId, passphrase: d.passphrase, reason: d.reason.trim() })),
  );
  // A revocation's approval re-keys the whole vault (HAND-1): its progress is shown, and its end kept until closed.
  const rekeys = request.kind === 'keyholder.revoke' && mode === 'approve';
  const rekey = useRekeyProgress(rekeys);
  const [rekeyed, setRekeyed] = useState(false);
  const titleId = `cosign-title-${request.id}`;
  const dialog = useRef<HTMLFormElement>(null);
  useFocusTrap(dialog, onCancel);
  useEffect(() => setFocus(mode === 'reject' ? 'reason' : 'passphrase'), [setFocus, mode]);

  const submit = handleSubmit(async (d) => {
    const decided = await decide.run(d);
    setValue('passphrase', '');
    if (decided.ok && rekeys) setRekeyed(true);
    else if (decided.ok) onDone(mode);
  });
  const ready = Boolean(passphrase) && Boolean(approverId) && (mode === 'approve' || reason.trim() !== '');

  return (
    <div className="overlay">
      <form ref={dialog} className="panel dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} onSubmit={submit} aria-busy={decide.busy}>
        <h2 id={titleId}>{t(`cosign.${mode === 'approve' ? 'authorize' : 'reject'}${TITLE_FAMILY[request.kind]}Title`)}</h2>
        <h3 className="dialog-section">{t('cosign.signs')}</h3>
        <RequestFacts request={request} zone={zone} now={now} />
        <fieldset>
          <legend>{t('cosign.who')}</legend>
          {deciders.length === 0 ? <p className="notice notice-error">{t('cosign.nobody', { authorizers: roles(approverRoles) })}</p> : null}
          {deciders.map((k) => (
            <label key={k.id} className="choice">
              <input type="radio" value={k.id} {...register('approverId')} />
              <span>
                <strong>{k.name}</strong>
                <small>{t(`roles.${k.role}`)}</small>
              </span>
            </label>
          ))}
        </fieldset>
        {mode === 'reject' ? (
          <div className="field">
            <label htmlFor={`reject-reason-${request.id}`}>{t('cosign.reason')}</label>
            <TextArea id={`reject-reason-${request.id}`} required maxLength={500} {...register('reason')} />
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={`decide-pass-${request.id}`}>{t('cosign.passphrase')}</label>
          <TextInput id={`decide-pass-${request.id}`} type="password" autoComplete="off" {...register('passphrase')} />
        </div>
        <ErrorNotice error={aboutKind(decide.refusal, request.kind)} />
        {rekeys ? <RekeyProgress progress={rekey} running={decide.busy} done={rekeyed} /> : null}
        {rekeyed ? (
          <div className="actions">
            <button type="button" className="primary" onClick={() => onDone(mode)}>
              {t('keyholders.rekey.close')}
            </button>
          </div>
        ) : (
          <div className="actions">
            <button type="button" onClick={onCancel}>
              {t('cosign.cancel')}
            </button>
            {/* An expired request can only be closed (refused), never authorized (main/domain/cosign.ts). */}
            {request.state === 'expired' ? null : (
              <button type="button" onClick={() => setMode(mode === 'approve' ? 'reject' : 'approve')}>
                {t(mode === 'approve' ? 'cosign.rejectInstead' : 'cosign.authorizeInstead')}
              </button>
            )}
            <button type="submit" className="primary" disabled={decide.busy || !ready}>
              {decide.busy ? t('cosign.working') : t(mode === 'approve' ? 'cosign.authorize' : 'cosign.reject')}
            </button>
          </div>
        )}
      </form>
    </div>
  );
}

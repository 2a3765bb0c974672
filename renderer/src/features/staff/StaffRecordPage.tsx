import { zodResolver } from '@hookform/resolvers/zod';
import { today } from '@internationalized/date';
import { useCallback, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { isDirectLink, LINK_KINDS, STAFF_FUNCTIONS, type StaffDetail } from '../../../../shared/staff';
import { paths } from '../../app/paths';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { useLoad } from '../../bridge/useLoad';
import { SelectInput, TextArea, TextInput } from '../../ui/controls';
import { DateField } from '../../ui/DateField';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { refusalOf } from '../../ui/form';
import { DuplicateLink } from '../cosign/DuplicateLink';
import { RoleNote } from '../vault/RoleNote';
import { useVaultSession } from '../vault/session';
import { usePermissions } from '../vault/usePermissions';
import { emptyForm, formOf, needsAgreement, needsDetail, staffForm, type StaffFormOutput, type StaffFormValues } from './staff-form';
import { useStaffList } from './useStaff';

/** #/staff/new: Formulario B, alta (of a keyholder who has no record yet, with ?keyholder=). */
export function NewStaffPage() {
  const [search] = useSearchParams();
  const keyholderId = search.get('keyholder') ?? undefined;
  const { home } = useVaultSession();
  const keyholder = home.keyholders.find((k) => k.id === keyholderId);
  const start = today(home.institution.timeZone).toString();
  return (
    <StaffForm key={keyholderId ?? 'new'} initial={emptyForm(start, keyholder ? { name: keyholder.name, email: '' } : undefined)} keyholderId={keyholder?.id} />
  );
}

/** #/staff/:personId/record: the Formulario B of a known person, completed if they have none, modified otherwise. */
export function PersonRecordPage() {
  const { personId = '' } = useParams();
  const { home } = useVaultSession();
  const loaded = useLoad(useCallback(() => call(api().staff.get({ personId })), [personId]));
  if (!loaded.data) return <ErrorNotice error={loaded.refusal} />;
  const person = loaded.data;
  const initial = person.profile ? formOf(person.profile) : emptyForm(today(home.institution.timeZone).toString(), person);
  return <StaffForm key={person.id} initial={initial} person={person} />;
}

type Sent = { requestId: string; name: string };

function StaffForm({ initial, person, keyholderId }: { initial: StaffFormValues; person?: StaffDetail; keyholderId?: string | undefined }) {
  const { t } = useTranslation();
  const { may } = usePermissions();
  const { home } = useVaultSession();
  const navigate = useNavigate();
  const staff = useStaffList();
  const [sent, setSent] = useState<Sent | null>(null);
  const { register, handleSubmit, control, formState, getValues } = useForm<StaffFormValues, unknown, StaffFormOutput>({
    resolver: zodResolver(staffForm),
    defaultValues: initial,
  });
  const link = useWatch({ control, name: 'profile.link' });
  const send = useAction(({ profile, note }: StaffFormOutput) => {
    const withNote = note ? { note } : {};
    if (person?.profile) return call(api().staff.update({ personId: person.id, profile, ...withNote }));
    return call(api().staff.register({ profile, ...withNote, ...(person ? { personId: person.id } : {}), ...(keyholderId ? { keyholderId } : {}) }));
  });
  const submit = handleSubmit(
    async (values) => {
      const done = await send.run(values);
      if (done.ok) setSent({ requestId: done.value.requestId, name: `${values.profile.names} ${values.profile.surnames}` });
    },
    () => send.setRefusal(refusalOf(staffForm, getValues())),
  );

  const title = person?.profile
    ? t('staffForm.editTitle', { name: person.name })
    : person
      ? t('staffForm.completeTitle', { name: person.name })
      : t('staffForm.newTitle');
  if (!may('staff.propose'))
    return (
      <div className="panel">
        <h1>{title}</h1>
        <RoleNote action="staff.propose" what={t('staff.registerWhat')} />
      </div>
    );
  if (sent)
    return (
      <div className="panel">
        <h1>{title}</h1>
        <p className="notice notice-ok" role="status">
          {person ? t('staffForm.sentChange') : t('staffForm.sent', { name: sent.name })}
        </p>
        <p className="actions">
          <Link to={paths.request(sent.requestId)}>{t('staffForm.openRequest')}</Link>
          <Link to={person ? paths.person(person.id) : paths.staff}>{person ? t('staffForm.toPerson') : t('staff.back')}</Link>
        </p>
      </div>
    );

  const contacts = (staff.data?.people ?? []).filter(
    (p) => p.complete && p.status === 'active' && p.link !== null && isDirectLink(p.link) && p.id !== person?.id,
  );
  const text = (name: 'names' | 'surnames' | 'documentId' | 'dependency' | 'email' | 'mobile' | 'linkDetail', label: string, hint?: string) => (
    <Field label={label} error={formState.errors.profile?.[name]} {...(hint ? { hint } : {})}>
      {({ id, describedBy, invalid }) => (
        <TextInput
          id={id}
          type={name === 'email' ? 'email' : name === 'mobile' ? 'tel' : 'text'}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          {...register(`profile.${name}`)}
        />
      )}
    </Field>
  );
  const date = (name: 'profile.startDate' | 'profile.agreement.date', label: string) => (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <DateField label={label} value={field.value} onChange={field.onChange} timeZone={home.institution.timeZone} invalid={fieldState.invalid} />
      )}
    />
  );

  return (
    <form className="panel staff-form" onSubmit={submit} noValidate aria-busy={send.busy}>
      <h1>{title}</h1>
      <p className="muted">{t('staffForm.intro')}</p>
      <fieldset>
        <legend>{t('staffForm.identity')}</legend>
        <div className="row">
          {text('names', t('staff.fields.names'))}
          {text('surnames', t('staff.fields.surnames'))}
        </div>
        <div className="row">
          {text('documentId', t('staff.fields.documentId'))}
          {text('mobile', t('staff.fields.mobile'))}
        </div>
        {text('email', t('staff.fields.email'), t('staffForm.emailHint', { domains: home.institution.emailDomains.join(', ') }))}
      </fieldset>
      <fieldset>
        <legend>{t('staffForm.bond')}</legend>
        {text('dependency', t('staff.fields.dependency'))}
        <div className="row">
          <Field label={t('staff.fields.function')} error={formState.errors.profile?.function}>
            {({ id, describedBy, invalid }) => (
              <SelectInput id={id} aria-describedby={describedBy} aria-invalid={invalid} {...register('profile.function')}>
                <option value="">{t('staffForm.chooseFunction')}</option>
                {STAFF_FUNCTIONS.map((f) => (
                  <option key={f} value={f}>
                    {t(`staff.functions.${f}`)}
                  </option>
                ))}
              </SelectInput>
            )}
          </Field>
          <Field label={t('staff.fields.link')} error={formState.errors.profile?.link}>
            {({ id, describedBy, invalid }) => (
              <SelectInput id={id} aria-describedby={describedBy} aria-invalid={invalid} {...register('profile.link')}>
                <option value="">{t('staffForm.chooseLink')}</option>
                {LINK_KINDS.map((l) => (
                  <option key={l} value={l}>
                    {t(`staff.links.${l}`)}
                  </option>
                ))}
              </SelectInput>
            )}
          </Field>
        </div>
        {needsDetail(link) ? text('linkDetail', link === 'outsourced' ? t('staffForm.company') : t('staffForm.origin')) : null}
        {date('profile.startDate', t('staff.fields.startDate'))}
      </fieldset>
      {needsAgreement(link) ? (
        <fieldset>
          <legend>{t('staffForm.agreementTitle')}</legend>
          <p className="muted">{t('staffForm.agreementIntro')}</p>
          <div className="row">
            {date('profile.agreement.date', t('staffForm.agreementDate'))}
            <Field label={t('staffForm.agreementReference')} error={formState.errors.profile?.agreement?.reference}>
              {({ id, describedBy, invalid }) => (
                <TextInput id={id} aria-describedby={describedBy} aria-invalid={invalid} {...register('profile.agreement.reference')} />
              )}
            </Field>
          </div>
          <Field label={t('staffForm.contact')} hint={t('staffForm.contactHint')}>
            {({ id, describedBy }) => (
              <SelectInput id={id} aria-describedby={describedBy} {...register('profile.internalContactId')}>
                <option value="">{t('staffForm.contactNone')}</option>
                {contacts.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </SelectInput>
            )}
          </Field>
        </fieldset>
      ) : null}
      <Field label={t('staffForm.note')}>{({ id }) => <TextArea id={id} maxLength={500} {...register('note')} />}</Field>
      <ErrorNotice error={send.refusal} />
      <DuplicateLink refusal={send.refusal} />
      <RoleNote action="staff.propose" what={t('staff.registerWhat')} />
      <div className="actions">
        <button type="button" onClick={() => navigate(person ? paths.person(person.id) : paths.staff)}>
          {t('staffForm.cancel')}
        </button>
        <button type="submit" className="primary" disabled={send.busy}>
          {t('staffForm.submit')}
        </button>
      </div>
    </form>
  );
}

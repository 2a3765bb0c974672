import { useCallback } from 'react';
import { useFieldArray, type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FormularioAInput } from '../../../../shared/lifecycle';
import { platformById } from '../../../../shared/platforms';
import { api, call } from '../../bridge/api';
import { useLoad } from '../../bridge/useLoad';
import { SelectInput, TextArea } from '../../ui/controls';
import { Field } from '../../ui/Field';
import { useStaffWords } from '../staff/useStaffWords';

const TEXTS = ['description', 'objective', 'postingPlan', 'indicators'] as const;

/** A form whose `form` part is Formulario A (the alta's and the modificación's). */
interface WithForm {
  form?: FormularioAInput | undefined;
}

/**
 * Formulario A (MITIC Anexo II; LIFE-1): the justification of a profile and its authorized users,
 * chosen from the staff registry with a role the platform has.
 */
export function FormularioAFields<T extends WithForm>(props: { register: UseFormRegister<T>; control: Control<T>; errors: FieldErrors<T>; platform: string }) {
  const { t } = useTranslation();
  const staff = useStaffWords();
  // The generic form is read as the one shape it is known to have: its `form` part.
  const register = props.register as unknown as UseFormRegister<WithForm>;
  const control = props.control as unknown as Control<WithForm>;
  const errors = (props.errors as FieldErrors<WithForm>).form;
  const users = useFieldArray({ control, name: 'form.authorizedUsers' as never }) as unknown as {
    fields: { id: string }[];
    append: (v: { personId: string; role: string }) => void;
    remove: (i: number) => void;
  };
  const loadPeople = useCallback(async () => (await call(api().staff.list({}))).people.filter((p) => p.status === 'active' && p.complete), []);
  const people = useLoad(loadPeople).data ?? [];
  const roles = platformById(props.platform)?.roles ?? [];
  return (
    <fieldset>
      <legend>{t('lifecycle.form.title')}</legend>
      <p className="hint">{t('lifecycle.form.intro')}</p>
      {TEXTS.map((name) => (
        <Field key={name} label={t(`lifecycle.form.${name}`)} error={errors?.[name]}>
          {({ id, describedBy, invalid }) => <TextArea id={id} aria-describedby={describedBy} aria-invalid={invalid} {...register(`form.${name}`)} />}
        </Field>
      ))}
      <fieldset>
        <legend>{t('lifecycle.form.authorizedUsers')}</legend>
        {users.fields.length === 0 ? <p className="hint">{t('lifecycle.form.noUsers')}</p> : null}
        {users.fields.map((f, i) => (
          <div className="row" key={f.id}>
            <Field label={t('lifecycle.form.person')}>
              {({ id }) => (
                <SelectInput id={id} {...register(`form.authorizedUsers.${i}.personId`)}>
                  {people.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </SelectInput>
              )}
            </Field>
            <Field label={t('lifecycle.form.role')}>
              {({ id }) => (
                <SelectInput id={id} {...register(`form.authorizedUsers.${i}.role`)}>
                  {roles.map((r) => (
                    <option key={r.id} value={r.id}>
                      {staff.role(props.platform, r.id)}
                    </option>
                  ))}
                </SelectInput>
              )}
            </Field>
            <button type="button" onClick={() => users.remove(i)}>
              {t('lifecycle.form.removeUser')}
            </button>
          </div>
        ))}
        {people.length > 0 && roles.length > 0 ? (
          <button type="button" onClick={() => users.append({ personId: people[0]!.id, role: roles[0]!.id })}>
            {t('lifecycle.form.addUser')}
          </button>
        ) : null}
      </fieldset>
      <Field label={t('lifecycle.form.otherData')}>{({ id }) => <TextArea id={id} {...register('form.otherData')} />}</Field>
    </fieldset>
  );
}

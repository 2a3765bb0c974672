import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { TextInput } from '../../ui/controls';
import { Field } from '../../ui/Field';
import { StrengthMeter } from '../vault/StrengthMeter';

/**
 * A new passphrase typed twice, with the ceremony's strength meter (features/vault): the same
 * rules main enforces on submit. Used for one's own new passphrase and for a new keyholder's.
 */
export function PassphrasePair({
  labels,
  hint,
  secret,
  userInputs,
  passphrase,
  confirm,
  errors,
}: {
  labels: { passphrase: string; confirm: string };
  hint?: string;
  secret: string;
  userInputs: string[];
  passphrase: UseFormRegisterReturn;
  confirm: UseFormRegisterReturn;
  errors: { passphrase?: FieldError | undefined; confirm?: FieldError | undefined };
}) {
  return (
    <>
      <div className="row">
        <Field label={labels.passphrase} {...(hint ? { hint } : {})} error={errors.passphrase}>
          {({ id, describedBy, invalid }) => (
            <TextInput id={id} type="password" autoComplete="new-password" aria-describedby={describedBy} aria-invalid={invalid} {...passphrase} />
          )}
        </Field>
        <Field label={labels.confirm} error={errors.confirm}>
          {({ id, describedBy, invalid }) => (
            <TextInput id={id} type="password" autoComplete="new-password" aria-describedby={describedBy} aria-invalid={invalid} {...confirm} />
          )}
        </Field>
      </div>
      <StrengthMeter secret={secret} userInputs={userInputs} />
    </>
  );
}

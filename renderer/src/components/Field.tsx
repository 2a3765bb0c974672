import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A labelled form control with its hint and its (translated) validation message. */
export function Field({ label, hint, error, children }: { label: string; hint?: string; error?: string | undefined; children: (props: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode }) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {hint ? <small id={hintId}>{hint}</small> : null}
      {error ? (
        <small id={errorId} className="field-error">
          {t(error)}
        </small>
      ) : null}
    </div>
  );
}

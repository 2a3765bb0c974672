import type { AppError } from '../../../shared/result';
import { useErrorText } from './useErrorText';

/** Translates a typed refusal from main into the person's language, naming the rule when there is one. */
export function ErrorNotice({ error, live = false }: { error: AppError | null; live?: boolean }) {
  const text = useErrorText();
  if (!error) return null;
  return (
    <p className="notice notice-error" role={live ? 'status' : 'alert'}>
      {text(error)}
    </p>
  );
}

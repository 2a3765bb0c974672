import { useEffect, useRef } from 'react';

/**
 * Puts the focus, once, on the field a screen exists for: the passphrase of the lock screen (so
 * that a keyboard alone unlocks), the search of the register, a dialog's first field (WAI-ARIA's
 * dialog pattern). Only those; elsewhere focus stays where the person left it, which is what
 * jsx-a11y's no-autofocus protects.
 */
export function useInitialFocus<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

/**
 * Every change the person makes goes through useAction; each one that succeeds is announced here,
 * so that what summarises the vault (the home screen's event count and chain head) is read again
 * after every action, whichever screen made it.
 */
type Listener = () => void;
const listeners = new Set<Listener>();

export function onVaultChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function announceVaultChanged(): void {
  for (const listener of [...listeners]) listener();
}

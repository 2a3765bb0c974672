import i18n, { type ParseKeys } from 'i18next';

/** Any key of the catalogue; `t()` accepts only these (the augmentation in ./resources.ts). */
export type MessageKey = ParseKeys;

/**
 * A key built from what main sent (an error's reason, a table, an audit action) cannot be
 * checked by the compiler: it is checked here, at run time, against the loaded catalogue.
 */
export function isMessageKey(key: string): key is MessageKey {
  return i18n.exists(key);
}

/** The words for something main named by its id (a kind, a table, an audit action); the id itself when the catalogue has none. */
export function labelFor(prefix: string, id: string): string {
  const key = `${prefix}.${id}`;
  return isMessageKey(key) ? i18n.t(key) : id;
}

import type { Db } from '../db';

export function readMeta(db: Db, key: string): Buffer | undefined {
  const row = db.prepare('SELECT value FROM vault_meta WHERE key = ?').get(key) as { value: Buffer } | undefined;
  return row?.value;
}

export function writeMeta(db: Db, key: string, value: Uint8Array | string): void {
  db.prepare('INSERT INTO vault_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

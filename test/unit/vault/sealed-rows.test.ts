import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { foundingRequest, freshServices } from '../../fixtures/vault';
import type { Services } from '../../../main/services';

let services: Services | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

/** Edits the file behind the service's back, as someone with the file but not the keys would. */
function tamper(file: string, sql: string, ...params: unknown[]): void {
  const db = new Database(file);
  db.prepare(sql).run(...params);
  db.close();
}

describe('sealed rows in the vault file', () => {
  it('a flipped byte in a keyholder name makes the home view fail with RECORD_TAMPERED naming the row', async () => {
    services = await freshServices();
    await services.setup.create(foundingRequest());
    const head = services.setup.status().keyholders.find((k) => k.role === 'head')!;
    const db = services.vault.require();
    const { name } = db.prepare('SELECT name FROM keyholders WHERE id = ?').get(head.id) as { name: Buffer };
    name[30]! ^= 0x80;
    tamper(services.vault.path, 'UPDATE keyholders SET name = ? WHERE id = ?', name, head.id);
    expect(() => services!.home.home()).toThrow(
      expect.objectContaining({ code: 'RECORD_TAMPERED', details: { table: 'keyholders', rowId: head.id, column: 'name' } }),
    );
  });

  it('swapping two keyholders’ sealed names between rows is detected', async () => {
    services = await freshServices();
    await services.setup.create(foundingRequest(true));
    const db = services.vault.require();
    const rows = db.prepare('SELECT id, name FROM keyholders').all() as { id: string; name: Buffer }[];
    const [a, b] = rows as [(typeof rows)[0], (typeof rows)[0]];
    tamper(services.vault.path, 'UPDATE keyholders SET name = ? WHERE id = ?', b.name, a.id);
    tamper(services.vault.path, 'UPDATE keyholders SET name = ? WHERE id = ?', a.name, b.id);
    expect(() => services!.home.home()).toThrow(expect.objectContaining({ code: 'RECORD_TAMPERED' }));
  });

  it('swapping the institution name and acronym columns is detected', async () => {
    services = await freshServices();
    await services.setup.create(foundingRequest());
    tamper(services.vault.path, 'UPDATE institution SET name = acronym, acronym = name');
    expect(() => services!.home.home()).toThrow(
      expect.objectContaining({ code: 'RECORD_TAMPERED', details: expect.objectContaining({ table: 'institution' }) }),
    );
  });
});

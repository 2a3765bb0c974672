import { beforeAll, describe, expect, it } from 'vitest';
import { openText, sealText, type FieldRef } from '../../../main/vault/fields';
import { randomKeyBytes } from '../../../main/vault/aead';
import { loadSodium, type Sodium } from '../../../main/vault/sodium';

let s: Sodium;
beforeAll(async () => {
  s = await loadSodium();
});

const key = randomKeyBytes(32);
const ref: FieldRef = { table: 'keyholders', rowId: 'row-a', column: 'name', version: 1 };

describe('sealed fields', () => {
  it('round-trips text, including non-ASCII', () => {
    const box = sealText(s, key, ref, 'Oficina de Comunicación — Año 2026');
    expect(openText(s, key, ref, box)).toBe('Oficina de Comunicación — Año 2026');
  });

  it('uses a fresh nonce for every seal', () => {
    expect(Buffer.compare(sealText(s, key, ref, 'x'), sealText(s, key, ref, 'x'))).not.toBe(0);
  });

  it('fails with RECORD_TAMPERED when any single byte is flipped', () => {
    const box = sealText(s, key, ref, 'Teodomiro');
    for (let i = 0; i < box.length; i++) {
      const bad = box.slice();
      bad[i]! ^= 0x01;
      expect(() => openText(s, key, ref, bad), `byte ${i}`).toThrow(expect.objectContaining({ code: 'RECORD_TAMPERED' }));
    }
  });

  it.each([
    ['another row', { ...ref, rowId: 'row-b' }],
    ['another column', { ...ref, column: 'acronym' }],
    ['another table', { ...ref, table: 'institution' }],
    ['an older version', { ...ref, version: 0 }],
  ])('refuses a box moved to %s', (_label, other) => {
    const box = sealText(s, key, ref, 'Teodomiro');
    expect(() => openText(s, key, other, box)).toThrow(
      expect.objectContaining({ code: 'RECORD_TAMPERED', details: expect.objectContaining({ table: other.table }) }),
    );
  });

  it('refuses a box sealed under another key, and a truncated box', () => {
    const box = sealText(s, key, ref, 'Teodomiro');
    expect(() => openText(s, randomKeyBytes(32), ref, box)).toThrow(expect.objectContaining({ code: 'RECORD_TAMPERED' }));
    expect(() => openText(s, key, ref, box.subarray(0, 20))).toThrow(expect.objectContaining({ code: 'RECORD_TAMPERED' }));
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { randomKeyBytes, sealBox } from '../../../main/vault/aead';
import { fieldAd, openText, sealText } from '../../../main/vault/fields';
import { loadSodium, openSealedTexts, type Sodium } from '../../../main/vault/sodium';

/** The account list opens its names in one pass over libsodium's heap: the same answers as openText, box by box. */
let s: Sodium;
beforeAll(async () => {
  s = await loadSodium();
});

const ref = (i: number) => ({ table: 'accounts', rowId: `row-${i}`, column: 'display_name', version: 1 + (i % 3) });

describe('openSealedTexts', () => {
  it('opens what sealText sealed, text by text, whatever its length and script', () => {
    const key = randomKeyBytes(32);
    const texts = Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? '' : `Cuenta ${i} — Prensa ñandú 写真 🙂 ${'x'.repeat(i % 50)}`));
    const boxes = texts.map((text, i) => sealText(s, key, ref(i), text));
    const opened = openSealedTexts(
      s,
      key,
      boxes,
      texts.map((_, i) => fieldAd(ref(i))),
    );
    expect(opened).toEqual(texts);
    expect(opened).toEqual(boxes.map((box, i) => openText(s, key, ref(i), box)));
  });

  it('answers undefined, box by box, for what openText refuses: a flipped byte, another row’s box, a short box, the wrong key, bytes that are not UTF-8', () => {
    const key = randomKeyBytes(32);
    const good = sealText(s, key, ref(1), 'Página Oficial');
    const flipped = good.slice();
    flipped[30]! ^= 1;
    const notUtf8 = sealBox(s, key, new Uint8Array([0x66, 0xff, 0xfe]), fieldAd(ref(4)));
    const boxes = [good, flipped, good, good.subarray(0, 39), sealText(s, randomKeyBytes(32), ref(4), 'x'), notUtf8, good];
    const ads = [ref(1), ref(1), ref(2), ref(1), ref(4), ref(4), ref(1)].map(fieldAd);
    expect(openSealedTexts(s, key, boxes, ads)).toEqual(['Página Oficial', undefined, undefined, undefined, undefined, undefined, 'Página Oficial']);
    for (const [i, box] of boxes.entries()) {
      if (i === 0 || i === 6) continue;
      expect(() => openText(s, key, [ref(1), ref(1), ref(2), ref(1), ref(4), ref(4)][i]!, box)).toThrow(expect.objectContaining({ code: 'RECORD_TAMPERED' }));
    }
  });
});

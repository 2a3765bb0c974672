import { beforeAll, describe, expect, it } from 'vitest';
import { loadSodium, type Sodium } from '../../../../main/vault/sodium';
import { boxVaultKey, createSigningKeys, openBoxedVaultKey, type SigningKeys } from '../../../../main/vault/keyring';
import { generateVaultKey } from '../../../../main/vault/keys';

/** The vault key boxed from one keyholder to another after a re-key (keyring.ts boxVaultKey). */
let s: Sodium;
let sender: SigningKeys;
let recipient: SigningKeys;
let other: SigningKeys;
const RECIPIENT = 'kh-recipient';
const refused = expect.objectContaining({ code: 'UNLOCK_FAILED' });

beforeAll(async () => {
  s = await loadSodium();
  [sender, recipient, other] = [createSigningKeys(s), createSigningKeys(s), createSigningKeys(s)];
});

describe('a boxed vault key', () => {
  it('opens for its recipient, from its sender, with the key inside', () => {
    const vk = generateVaultKey();
    const box = boxVaultKey(s, vk, sender.secretKey, recipient.publicKey, RECIPIENT);
    expect(s.to_hex(openBoxedVaultKey(s, box, recipient.secretKey, sender.publicKey, RECIPIENT))).toBe(s.to_hex(vk));
    // A random nonce: the same key boxed twice gives two boxes; the key is nowhere in clear.
    expect(s.to_hex(boxVaultKey(s, vk, sender.secretKey, recipient.publicKey, RECIPIENT))).not.toBe(s.to_hex(box));
    expect(Buffer.from(box).includes(Buffer.from(vk))).toBe(false);
  });

  it('is refused with another recipient key, another sender key, another recipient id, or a changed byte', () => {
    const box = boxVaultKey(s, generateVaultKey(), sender.secretKey, recipient.publicKey, RECIPIENT);
    expect(() => openBoxedVaultKey(s, box, other.secretKey, sender.publicKey, RECIPIENT)).toThrow(refused);
    expect(() => openBoxedVaultKey(s, box, recipient.secretKey, other.publicKey, RECIPIENT)).toThrow(refused);
    expect(() => openBoxedVaultKey(s, box, recipient.secretKey, sender.publicKey, 'kh-other')).toThrow(refused);
    for (const at of [0, 30, box.length - 1]) {
      const altered = box.slice();
      altered[at]! ^= 1;
      expect(() => openBoxedVaultKey(s, altered, recipient.secretKey, sender.publicKey, RECIPIENT)).toThrow(refused);
    }
    expect(() => openBoxedVaultKey(s, box.subarray(0, 40), recipient.secretKey, sender.publicKey, RECIPIENT)).toThrow(refused);
  });

  it('cannot be turned around: the sender opening it as the recipient (same X25519 shared key) is refused by the bound id', () => {
    const box = boxVaultKey(s, generateVaultKey(), sender.secretKey, recipient.publicKey, RECIPIENT);
    // crypto_box's shared key is symmetric: the sender's secret and the recipient's public key open it too...
    expect(() => openBoxedVaultKey(s, box, sender.secretKey, recipient.publicKey, RECIPIENT)).not.toThrow();
    // ...so the row moved to the sender's own slot (their id) is what the bound id refuses.
    expect(() => openBoxedVaultKey(s, box, sender.secretKey, recipient.publicKey, 'kh-sender')).toThrow(refused);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALPHABETS } from '../../../../main/domain/password-generator';
import { checkCharacterRules, classOf } from '../../../../main/domain/password-policy';
import { ACCOUNTS, registerAccount, unlockedWithActors } from '../../../fixtures/vault';

let ctx: Awaited<ReturnType<typeof unlockedWithActors>>;
let accountId: string;
const generated: string[] = [];
const COUNT = 10_000;

beforeAll(async () => {
  ctx = await unlockedWithActors();
  accountId = registerAccount(ctx.services, ctx.admin, ctx.head, ACCOUNTS.facebook);
  // libsodium's randombytes_uniform, through the same service the app uses; each one policy-checked
  for (let i = 0; i < COUNT; i++) generated.push(ctx.services.policy.generate(accountId, { length: 20 }));
}, 600_000);
afterAll(() => ctx.services.close());

describe(`${COUNT} generated passwords`, () => {
  it('are all 20 characters with every class (POL-1) and all different (POL-3)', () => {
    expect(generated).toHaveLength(COUNT);
    for (const password of generated) expect(checkCharacterRules(password, 20)).toBeNull();
    expect(new Set(generated).size).toBe(COUNT);
  });

  it('pass the full policy again when checked independently (sample of 500)', () => {
    for (let i = 0; i < COUNT; i += COUNT / 500) expect(ctx.services.policy.check(accountId, generated[i]!)).toBeNull();
  });

  it('use each character class within 5 percentage points of its share of the alphabet', () => {
    const alphabetSize = Object.values(ALPHABETS).join('').length;
    const counts = { digit: 0, lower: 0, upper: 0, symbol: 0 };
    for (const password of generated) for (const ch of password) counts[classOf(ch)] += 1;
    const total = COUNT * 20;
    for (const [cls, chars] of Object.entries(ALPHABETS)) {
      const share = counts[cls as keyof typeof counts] / total;
      expect(Math.abs(share - chars.length / alphabetSize), cls).toBeLessThan(0.05);
    }
  });
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../shared/channels';
import { contract } from '../../../shared/contract';
import { ERROR_CODES } from '../../../shared/result';
import { createHandlerTable, dispatch, type HandlerTable } from '../../../main/ipc/handlers';
import type { Services } from '../../../main/services';
import { KNOWN, keyholderId, servicesOnCopy } from '../../fixtures/vault';
import { SAMPLE_PAYLOADS } from '../../fixtures/payloads';
import { ACCOUNT_PAGE_MAX } from '../../../shared/accounts';

const VALID = SAMPLE_PAYLOADS;

let services: Services;
let table: HandlerTable;
const reported: string[] = [];
beforeAll(async () => {
  services = await servicesOnCopy();
  table = createHandlerTable(services, (channel) => reported.push(channel));
});
afterAll(() => services.close());

describe('IPC handler table', () => {
  it('refuses a payload bigger than any request before walking it (a 4 M-byte typed array, 100,000 ids)', async () => {
    for (const payload of [{ source: { image: new Uint8Array(4_000_000) } }, { accountIds: Array.from({ length: 100_000 }, () => 'x') }]) {
      expect(await dispatch(table, 'totp.codes', payload)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_REQUEST', details: { reason: 'too_long', max: 20_000 } },
      });
    }
    expect(await dispatch(table, 'totp.codes', { accountIds: ['\ud800'] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', details: { reason: 'lone_surrogate', field: 'accountIds' } },
    });
  });

  it('has a handler for every channel of the contract and nothing else', () => {
    expect(Object.keys(table).sort()).toEqual([...CHANNELS].sort());
    expect(Object.isFrozen(table)).toBe(true);
  });

  it.each(CHANNELS)('%s answers any malformed payload with INVALID_REQUEST and never throws', async (channel) => {
    const schema = contract[channel].request;
    await fc.assert(
      fc.asyncProperty(
        fc
          .anything({ withNullPrototype: true, withBigInt: true, withDate: true, withTypedArray: true, withSparseArray: true })
          .filter((p) => !schema.safeParse(p).success),
        async (payload) => {
          const result = await table[channel](payload);
          expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', details: { channel } } });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never echoes the submitted values in a validation error', async () => {
    const secret = 'contraseña-que-no-debe-volver';
    const result = await table['vault.unlock']({ keyholderId: 'not-a-uuid', passphrase: secret, extra: secret });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(secret);
    expect(JSON.stringify(result)).toContain('keyholderId');
  });

  it('refuses every channel that needs an unlocked vault while locked, even with a valid payload', async () => {
    const locked = CHANNELS.filter((c) => contract[c].access === 'unlocked');
    expect(locked.length).toBeGreaterThan(10);
    for (const channel of locked) {
      expect(contract[channel].request.safeParse(VALID[channel]).success, channel).toBe(true);
      await expect(table[channel](VALID[channel]), channel).resolves.toEqual({ ok: false, error: { code: 'VAULT_LOCKED' } });
    }
  });

  it('returns the service’s typed refusal, and then the value once unlocked', async () => {
    const admin = keyholderId(services, 'administrator');
    const wrong = await table['vault.unlock']({ keyholderId: admin, passphrase: 'no es la frase' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'UNLOCK_FAILED', details: { failures: 1 } } });
    // the delay after one failure is a second: status says when the next try is accepted
    const status = await table['vault.status']({});
    expect(status.ok && (status.value as { retryAt: number }).retryAt).toBeGreaterThan(Date.now());
  });

  it('bounds a page of the account list: 1 to ACCOUNT_PAGE_MAX rows, from a whole offset not below 0', async () => {
    for (const payload of [
      {},
      { limit: 0 },
      { limit: ACCOUNT_PAGE_MAX + 1 },
      { limit: 1.5 },
      { offset: -1, limit: 10 },
      { offset: 0.5, limit: 10 },
      { limit: 10, sort: 'secret' },
      { limit: 10, x: 1 },
    ])
      expect(await dispatch(table, 'accounts.page', payload), JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(contract['accounts.page'].request.safeParse({ query: 'prensa', sort: 'updated', offset: 10_000, limit: ACCOUNT_PAGE_MAX }).success).toBe(true);
  });

  it('refuses unknown channels by name', async () => {
    await expect(dispatch(table, 'vault.dropTables', {})).resolves.toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    await expect(dispatch(table, { toString: () => 'vault.status' }, {})).resolves.toMatchObject({ error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('hides unexpected failures behind INTERNAL and reports only the channel', async () => {
    const broken = createHandlerTable(
      {
        ...services,
        setup: {
          status: () => {
            throw new Error(`leak ${KNOWN.adminPass}`);
          },
        },
      } as unknown as Services,
      (channel) => reported.push(channel),
    );
    const result = await broken['vault.status']({});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL' } });
    expect(reported).toContain('vault.status');
  });

  it('declares only known error codes', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});

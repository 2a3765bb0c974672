import { afterAll, describe, expect, it } from 'vitest';
import { checkedClock } from '../../../../main/services/vault/clock';
import type { Services } from '../../../../main/services';
import { call, counts, keyholderIds, tableOf } from '../../attack/helpers';
import { KNOWN, servicesOnCopy } from '../../../fixtures/vault';
import { ALTA_FORM } from '../../../fixtures/payloads';

/**
 * A workstation clock Custodia cannot record (not a date, before 2000, after 2100) is refused as
 * CLOCK_INVALID before any use: nothing is written, lock still succeeds, and with the clock put
 * right the vault unlocks and verifies. Without the guard a far-future reading signs an event that
 * makes every later write CLOCK_BEHIND, and the largest Date makes date arithmetic throw (INTERNAL).
 */
const open: Services[] = [];
afterAll(async () => {
  for (const services of open) await services.close();
});

const READINGS: [string, Date][] = [
  ['the largest Date', new Date(8.64e15)],
  ['year 10000', new Date('+010000-01-01T00:00:00Z')],
  ['2101-01-01', new Date('2101-01-01T00:00:00Z')],
  ['1999-12-31 23:59:59', new Date('1999-12-31T23:59:59Z')],
  ['not a date', new Date(Number.NaN)],
];

describe('checkedClock', () => {
  it('passes the first and last instants of the calendar, refuses every reading outside it', () => {
    for (const edge of ['2000-01-01T00:00:00.000Z', '2100-12-31T23:59:59.999Z']) expect(checkedClock(() => new Date(edge))().toISOString()).toBe(edge);
    for (const [what, reading] of READINGS) expect(() => checkedClock(() => reading)(), what).toThrow(expect.objectContaining({ code: 'CLOCK_INVALID' }));
  });
});

describe('a vault under a clock it cannot record', () => {
  it.each(READINGS)(
    '%s: unlock and writes answer CLOCK_INVALID and change nothing; lock succeeds; the clock put right, the vault unlocks and verifies',
    async (_what, reading) => {
      let now: Date = new Date();
      const services = await servicesOnCopy({ withBackup: false, clock: () => now });
      open.push(services);
      const internals: string[] = [];
      const table = tableOf(services, internals);
      const { administrator } = keyholderIds(services);
      const unlock = { keyholderId: administrator, passphrase: KNOWN.adminPass };

      now = reading;
      const before = counts(services);
      expect(await call(table, 'vault.status', {})).toMatchObject({ ok: true });
      expect(await call(table, 'vault.unlock', unlock)).toMatchObject({ ok: false, error: { code: 'CLOCK_INVALID' } });
      expect(services.sessions.current()).toBeUndefined();

      now = new Date();
      expect(await call(table, 'vault.unlock', unlock)).toMatchObject({ ok: true });
      now = reading;
      const register = await call(table, 'accounts.register', {
        account: { platform: 'x', kind: 'principal', displayName: 'Bajo un reloj imposible' },
        form: ALTA_FORM,
      });
      expect(register).toMatchObject({ ok: false, error: { code: 'CLOCK_INVALID' } });
      expect(await call(table, 'vault.lock', {})).toMatchObject({ ok: true, value: { reason: 'manual', unrecorded: 'CLOCK_INVALID' } });
      expect(services.sessions.current()).toBeUndefined();

      now = new Date();
      expect(await call(table, 'vault.unlock', unlock)).toMatchObject({ ok: true });
      expect(counts(services).accounts).toBe(before.accounts);
      expect(
        await call(table, 'accounts.register', { account: { platform: 'x', kind: 'principal', displayName: 'Con el reloj en hora' }, form: ALTA_FORM }),
      ).toMatchObject({
        ok: true,
      });
      expect(await call(table, 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
      expect(internals).toEqual([]);
    },
  );
});

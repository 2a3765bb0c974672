import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../../main/services';
import { closeAndRemove, refusal } from '../../../fixtures/keyholders';
import { KNOWN, rawVaultBytes } from '../../../fixtures/vault';
import { issueKit, kitServices, pdfQrCodes, pdfText, printedKeys, testClock } from './kit.context';

const HOLDERS = ['Secretaría General Quispe', 'Asesoría Legal Mamani', 'Jefatura de Prensa Condori', 'Control Interno Huaman', 'Logística Apaza'];

// Several Argon2id derivations per test (enrolments, unlocks, co-signing): ~1.5 s each on these machines.
describe('the kit on paper, whole or split k-of-n (issue 18, scope 6)', { timeout: 240_000 }, () => {
  let services: Services | undefined;
  afterEach(async () => {
    services = await closeAndRemove(services);
  });

  it('the PDF names the institution and the date, says in Spanish what it is, where it is kept and how it is used; its QR holds the printed key', async () => {
    services = (await kitServices(testClock().clock)).services;
    const pdf = await issueKit(services);
    const text = pdfText(pdf);
    expect(text).toContain(KNOWN.institution);
    expect(text).toContain('Kit de emergencia de Custodia');
    expect(text).toContain('5 de enero de 2026');
    for (const words of ['Qué es', 'caja fuerte', 'sobre cerrado', 'Cómo usarlo', 'registro de auditoría', 'kit nuevo', 'Cadena de auditoría'])
      expect(text).toContain(words);
    const keys = printedKeys(text);
    expect(keys).toHaveLength(1);
    expect(pdfQrCodes(pdf)).toEqual(keys);
    // The key is on the paper only: neither the vault file nor the log holds it.
    const vaultBytes = readFileSync(services.vault.path).toString('latin1');
    expect(vaultBytes).not.toContain(keys[0]!);
    expect(vaultBytes).not.toContain(keys[0]!.replace(/-/g, ''));
  });

  it('3-of-5: a page per holder; any three shares recover, two do not, a share of another kit is refused, shares of a superseded kit too', async () => {
    const time = testClock();
    services = (await kitServices(time.clock)).services;
    const first = printedKeys(pdfText(await issueKit(services, { k: 3, n: 5, holders: HOLDERS.slice(0, 5) })));
    const pdf = await issueKit(services, { k: 3, n: 5, holders: HOLDERS });
    const text = pdfText(pdf);
    const shares = printedKeys(text);
    expect(shares).toHaveLength(5);
    for (const [i, holder] of HOLDERS.entries()) {
      expect(text).toContain(`parte ${i + 1} de 5`);
      expect(text).toContain(holder);
    }
    expect(text).toContain('Se necesitan 3 partes');
    expect(pdfQrCodes(pdf)).toEqual(shares);
    // The holders' names are sealed (recovery_kits.holders), and no share is in the file.
    const raw = rawVaultBytes(services).toString('utf8');
    for (const text of [...HOLDERS, ...shares]) expect(raw).not.toContain(text);
    services.sessions.lock('manual');

    expect(await refusal(() => services!.kitRecovery.recover({ shares: [shares[0]!, shares[3]!] }))).toMatchObject({
      code: 'KIT_SHARES_TOO_FEW',
      details: { needed: 3, given: 2 },
    });
    // The same share typed twice counts once.
    expect(await refusal(() => services!.kitRecovery.recover({ shares: [shares[0]!, shares[3]!, shares[0]!] }))).toMatchObject({ code: 'KIT_SHARES_TOO_FEW' });
    // The whole key field given a share, or a share altered: malformed.
    expect(await refusal(() => services!.kitRecovery.recover({ key: shares[0]! }))).toMatchObject({ code: 'KIT_MALFORMED' });
    const altered = shares[1]!.replace(/.$/, (c) => (c === '7' ? '8' : '7'));
    expect(await refusal(() => services!.kitRecovery.recover({ shares: [shares[0]!, altered, shares[2]!] }))).toMatchObject({ code: 'KIT_MALFORMED' });
    // A share of the superseded kit mixed in: refused (tags differ), counted as a wrong key.
    expect(await refusal(() => services!.kitRecovery.recover({ shares: [shares[0]!, shares[1]!, first[2]!] }))).toMatchObject({ code: 'KIT_WRONG' });
    time.advance(1_000);
    expect(await refusal(() => services!.kitRecovery.recover({ shares: first.slice(0, 3) }))).toMatchObject({ code: 'KIT_SUPERSEDED' });

    for (const combo of [
      [0, 1, 2],
      [4, 2, 0],
      [1, 3, 4],
    ]) {
      const state = await services.kitRecovery.recover({ shares: combo.map((i) => shares[i]!) });
      expect(state.institution.name).toBe(KNOWN.institution);
      services.kitRecovery.cancel();
    }
    // Each opening is on the record (signed by the kit), though none finished: the kit stays in force.
    const db = services.vault.require();
    expect(db.prepare(`SELECT count(*) FROM audit_events WHERE action = 'kit.used'`).pluck().get()).toBe(3);
    expect(db.prepare(`SELECT status FROM recovery_kits ORDER BY issued_at DESC, rowid DESC LIMIT 1`).pluck().get()).toBe('issued');
  });
});

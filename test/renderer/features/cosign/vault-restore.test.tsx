import { beforeEach, describe, expect, it } from 'vitest';
import { approvalFacts, pendingRequest, silentSpanishBridge } from './approval';

/** Replacing the vault with a backup (issue 18) as the Jefe de la Oficina reads what they sign: the backup next to the vault in use. */
const restore = pendingRequest({
  id: '44444444-4444-4444-8444-000000000002',
  kind: 'vault.restore',
  proposedAt: '2026-11-28T15:00:00Z',
  reason: 'Disco dañado',
  description: {
    kind: 'vault.restore',
    backup: { file: 'viernes.custodia', createdAt: '2026-11-27T20:05:00.000Z', seq: 412, head: 'ABAB-ABAB-ABAB-ABAB', records: 1200, accounts: 40 },
    current: { createdAt: null, seq: 430, head: 'CDCD-CDCD-CDCD-CDCD', records: 1210, accounts: 41 },
  },
});

beforeEach(silentSpanishBridge);

describe('«vault.restore» in the co-sign dialog', () => {
  it('is titled as such and shows the backup’s creation, chain head and counts next to the vault in use', () => {
    const facts = approvalFacts(restore, 'Autorizar el reemplazo de la bóveda con una copia');
    expect(facts).toContain(
      'La copia «viernes.custodia», hecha el 2026-11-27 20:05 UTC: cabeza de la cadena n.º 412 (ABAB-ABAB-ABAB-ABAB), 1200 registros, 40 cuentas.',
    );
    expect(facts).toContain('La bóveda en uso: cabeza de la cadena n.º 430 (CDCD-CDCD-CDCD-CDCD), 1210 registros, 41 cuentas.');
    expect(facts).toContain('el archivo actual se guarda aparte, nunca se borra');
  });
});

import { render, screen } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildBridge, type Invoke } from '../../../../shared/bridge';
import type { RequestView } from '../../../../shared/requests';
import { CosignDialog } from '../../../../renderer/src/features/cosign/CosignDialog';
import { ADMIN, home, unlockedAs } from '../../fixtures';

/** Replacing the vault with a backup (issue 18) as the Jefe de la Oficina reads what they sign: the backup next to the vault in use. */
const restore: RequestView = {
  id: '44444444-4444-4444-8444-000000000002',
  kind: 'vault.restore',
  accountId: null,
  accountName: null,
  platform: null,
  state: 'pending',
  proposedBy: { keyholderId: ADMIN, name: 'Rosalinda Quispecahua', role: 'administrator' },
  proposedAt: '2026-11-28T15:00:00Z',
  expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  decidedBy: null,
  decidedAt: null,
  rejectionReason: null,
  reason: 'Disco dañado',
  description: {
    kind: 'vault.restore',
    backup: { file: 'viernes.custodia', createdAt: '2026-11-27T20:05:00.000Z', seq: 412, head: 'ABAB-ABAB-ABAB-ABAB', records: 1200, accounts: 40 },
    current: { createdAt: null, seq: 430, head: 'CDCD-CDCD-CDCD-CDCD', records: 1210, accounts: 41 },
  },
};

beforeEach(async () => {
  await i18n.changeLanguage('es');
  window.custodia = buildBridge(
    vi.fn<Invoke>(async () => ({ ok: false, error: { code: 'INTERNAL' } })),
    () => () => {},
  );
});

describe('«vault.restore» in the co-sign dialog', () => {
  it('is titled as such and shows the backup’s creation, chain head and counts next to the vault in use', () => {
    render(
      unlockedAs(
        'head',
        <CosignDialog
          request={restore}
          mode="approve"
          keyholders={home.keyholders}
          zone="America/Lima"
          now={Date.now()}
          onDone={() => {}}
          onCancel={() => {}}
        />,
      ),
    );
    const dialog = screen.getByRole('dialog', { name: 'Autorizar el reemplazo de la bóveda con una copia' });
    const facts = dialog.querySelector('.request-facts')!.textContent;
    expect(facts).toContain(
      'La copia «viernes.custodia», hecha el 2026-11-27 20:05 UTC: cabeza de la cadena n.º 412 (ABAB-ABAB-ABAB-ABAB), 1200 registros, 40 cuentas.',
    );
    expect(facts).toContain('La bóveda en uso: cabeza de la cadena n.º 430 (CDCD-CDCD-CDCD-CDCD), 1210 registros, 41 cuentas.');
    expect(facts).toContain('el archivo actual se guarda aparte, nunca se borra');
  });
});

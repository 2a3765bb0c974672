import { render, screen } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildBridge, type Invoke } from '../../../../shared/bridge';
import type { RequestView } from '../../../../shared/requests';
import { CosignDialog } from '../../../../renderer/src/features/cosign/CosignDialog';
import { ADMIN, home, unlockedAs } from '../../fixtures';

/** The «inventario inicial» (issue 18) as the Jefe de la Oficina reads what they sign: counts, never a password. */
const inventory: RequestView = {
  id: '44444444-4444-4444-8444-000000000001',
  kind: 'inventory.import',
  accountId: null,
  accountName: null,
  platform: null,
  state: 'pending',
  proposedBy: { keyholderId: ADMIN, name: 'Rosalinda Quispecahua', role: 'administrator' },
  proposedAt: '2026-11-22T15:00:00Z',
  expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  decidedBy: null,
  decidedAt: null,
  rejectionReason: null,
  reason: 'Hoja de cuentas de la oficina, 2026',
  description: { kind: 'inventory.import', accounts: 480, withPassword: 478, withTotp: 12, rotateNow: 3 },
};

beforeEach(async () => {
  await i18n.changeLanguage('es');
  window.custodia = buildBridge(
    vi.fn<Invoke>(async () => ({ ok: false, error: { code: 'INTERNAL' } })),
    () => () => {},
  );
});

describe('the «inventario inicial» in the co-sign dialog', () => {
  it('is titled as such and states how many accounts, passwords, seeds and «rotar ya» it brings', () => {
    render(
      unlockedAs(
        'head',
        <CosignDialog
          request={inventory}
          mode="approve"
          keyholders={home.keyholders}
          zone="America/Lima"
          now={Date.now()}
          onDone={() => {}}
          onCancel={() => {}}
        />,
      ),
    );
    const dialog = screen.getByRole('dialog', { name: 'Autorizar el inventario inicial' });
    const facts = dialog.querySelector('.request-facts')!.textContent;
    expect(facts).toContain('480 cuentas: en trámite → activas, sin Formulario A');
    expect(facts).toContain('Con contraseña: 478');
    expect(facts).toContain('Con semilla de verificación en dos pasos: 12');
    expect(facts).toContain('Cuentas nuevas de la institución (inventario inicial)');
    expect(facts).toContain('3 contraseñas no cumplen la política (POL-1, POL-2 o POL-3): vencen de inmediato, «rotar ya».');
    // Not every imported password meets the policy: the dialog never says they all do.
    expect(facts).not.toContain('Cumple la política');
  });
});

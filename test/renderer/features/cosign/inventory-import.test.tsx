import { beforeEach, describe, expect, it } from 'vitest';
import { approvalFacts, pendingRequest, silentSpanishBridge } from './approval';

/** The «inventario inicial» (issue 18) as the Jefe de la Oficina reads what they sign: counts, never a password. */
const inventory = pendingRequest({
  id: '44444444-4444-4444-8444-000000000001',
  kind: 'inventory.import',
  reason: 'Hoja de cuentas de la oficina, 2026',
  description: { kind: 'inventory.import', accounts: 480, withPassword: 478, withTotp: 12, rotateNow: 3 },
});

beforeEach(silentSpanishBridge);

describe('the «inventario inicial» in the co-sign dialog', () => {
  it('is titled as such and states how many accounts, passwords, seeds and «rotar ya» it brings', () => {
    const facts = approvalFacts(inventory, 'Autorizar el inventario inicial');
    expect(facts).toContain('480 cuentas: en trámite → activas, sin Formulario A');
    expect(facts).toContain('Con contraseña: 478');
    expect(facts).toContain('Con semilla de verificación en dos pasos: 12');
    expect(facts).toContain('Cuentas nuevas de la institución (inventario inicial)');
    expect(facts).toContain('3 contraseñas no cumplen la política (POL-1, POL-2 o POL-3): vencen de inmediato, «rotar ya».');
    // Not every imported password meets the policy: the dialog never says they all do.
    expect(facts).not.toContain('Cumple la política');
  });
});

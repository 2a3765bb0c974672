import { fireEvent, render, screen } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildBridge, type Invoke } from '../../../../shared/bridge';
import { EVENTS } from '../../../../shared/channels';
import type { KeyholderView } from '../../../../shared/contract';
import type { RequestView } from '../../../../shared/requests';
import { CosignDialog } from '../../../../renderer/src/features/cosign/CosignDialog';

const OUTGOING = '11111111-1111-4111-8111-111111111111';
const HEAD = '22222222-2222-4222-8222-222222222222';
const INCOMING = '99999999-9999-4999-8999-999999999999';
const keyholders: KeyholderView[] = [
  { id: OUTGOING, role: 'administrator', fingerprint: 'AAAA', name: 'Rosalinda Quispecahua', status: 'active', createdAt: '2026-11-01T00:00:00Z' },
  { id: HEAD, role: 'head', fingerprint: 'BBBB', name: 'Teodomiro Huamanchumo', status: 'active', createdAt: '2026-11-01T00:00:00Z' },
  { id: INCOMING, role: 'administrator', fingerprint: 'CCCC', name: 'Wilfredo Condori', status: 'active', createdAt: '2026-11-20T00:00:00Z' },
];
const completion: RequestView = {
  id: '33333333-3333-4333-8333-333333333333',
  kind: 'keyholder.revoke',
  accountId: null,
  accountName: null,
  platform: null,
  state: 'pending',
  proposedBy: { keyholderId: INCOMING, name: 'Wilfredo Condori', role: 'administrator' },
  proposedAt: '2026-11-22T15:00:00Z',
  expiresAt: '2026-11-23T15:00:00Z',
  decidedBy: null,
  decidedAt: null,
  rejectionReason: null,
  reason: null,
  description: {
    kind: 'keyholder.revoke',
    keyholder: { id: OUTGOING, name: 'Rosalinda Quispecahua', role: 'administrator', fingerprint: 'AAAA' },
    handoverId: '66666666-6666-4666-8666-666666666666',
  },
};

/** A bridge whose approval emits the re-key's progress events before it answers, as main does. */
function mainThatRekeys() {
  const listeners = new Map<string, (payload: unknown) => void>();
  const invoke = vi.fn<Invoke>(async (channel) => {
    if (channel !== 'cosign.approve') return { ok: false, error: { code: 'INTERNAL' } };
    for (const done of [0, 40, 80]) listeners.get(EVENTS.rekey)?.({ done, total: 80 });
    return { ok: true, value: { subjects: { keyholder: OUTGOING } } };
  });
  window.custodia = buildBridge(invoke, (event, listener) => {
    listeners.set(event, listener);
    return () => listeners.delete(event);
  });
  return { invoke, listening: () => listeners.has(EVENTS.rekey) };
}

beforeEach(async () => {
  await i18n.changeLanguage('es');
});

describe('the co-sign dialog of a revocation (HAND-1)', () => {
  it('shows the re-key’s progress and keeps its end on screen until closed', async () => {
    const main = mainThatRekeys();
    const onDone = vi.fn();
    render(
      <CosignDialog
        request={completion}
        mode="approve"
        keyholders={keyholders}
        zone="America/Lima"
        now={Date.parse('2026-11-22T16:00:00Z')}
        onDone={onDone}
        onCancel={() => {}}
      />,
    );
    expect(main.listening()).toBe(true);
    fireEvent.change(screen.getByLabelText('Frase de acceso de quien decide'), { target: { value: 'murciélago sereno' } });
    fireEvent.click(screen.getByRole('button', { name: /^Autorizar$/ }));
    const status = await screen.findByTestId('rekey-progress');
    await screen.findByText('La bóveda quedó cifrada con una llave nueva (80 campos). Los demás custodios reciben la llave nueva en su próximo desbloqueo.');
    expect(status.querySelector('progress')?.getAttribute('value')).toBe('80');
    expect(onDone).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Cerrar' }));
    expect(onDone).toHaveBeenCalledWith('approve');
  });

  it('another kind of request neither listens nor waits: it closes on approval', async () => {
    const main = mainThatRekeys();
    const onDone = vi.fn();
    const enrol: RequestView = {
      ...completion,
      kind: 'settings.update',
      description: { kind: 'settings.update', changes: [{ setting: 'rotationWarningDays', from: 3, to: 5 }] },
    };
    render(
      <CosignDialog
        request={enrol}
        mode="approve"
        keyholders={keyholders}
        zone="America/Lima"
        now={Date.parse('2026-11-22T16:00:00Z')}
        onDone={onDone}
        onCancel={() => {}}
      />,
    );
    expect(main.listening()).toBe(false);
    fireEvent.change(screen.getByLabelText('Frase de acceso de quien decide'), { target: { value: 'murciélago sereno' } });
    fireEvent.click(screen.getByRole('button', { name: /^Autorizar$/ }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith('approve'));
    expect(screen.queryByTestId('rekey-progress')).toBeNull();
  });
});

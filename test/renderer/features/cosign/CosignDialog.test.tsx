import { fireEvent, render, screen } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildBridge, type Invoke } from '../../../../shared/bridge';
import type { KeyholderView } from '../../../../shared/contract';
import { pendingRequest } from './approval';
import { CosignDialog } from '../../../../renderer/src/features/cosign/CosignDialog';

const ADMIN = '11111111-1111-4111-8111-111111111111';
const HEAD = '22222222-2222-4222-8222-222222222222';
const keyholders: KeyholderView[] = [
  { id: ADMIN, role: 'administrator', fingerprint: 'AAAA', name: 'Rosalinda Quispecahua', status: 'active', createdAt: '2026-11-01T00:00:00Z' },
  { id: HEAD, role: 'head', fingerprint: 'BBBB', name: 'Teodomiro Huamanchumo', status: 'active', createdAt: '2026-11-01T00:00:00Z' },
];
const request = pendingRequest({
  id: '33333333-3333-4333-8333-333333333333',
  kind: 'settings.update',
  expiresAt: '2026-11-23T15:00:00Z',
  description: { kind: 'settings.update', changes: [{ setting: 'rotationWarningDays', from: 3, to: 5 }] },
});
const NOW = Date.parse('2026-11-22T16:00:00Z');

beforeEach(async () => {
  await i18n.changeLanguage('es');
  window.custodia = buildBridge(vi.fn<Invoke>(), () => () => {});
});

describe('CosignDialog', () => {
  it('is titled by kind, offers only people other than the proposer, and keeps Tab inside', () => {
    render(<CosignDialog request={request} mode="approve" keyholders={keyholders} zone="America/Lima" now={NOW} onDone={() => {}} onCancel={() => {}} />);
    const dialog = screen.getByRole('dialog', { name: 'Autorizar el cambio de configuración' });
    expect(screen.queryByRole('radio', { name: /Rosalinda/ })).toBeNull();
    fireEvent.change(screen.getByLabelText('Frase de acceso de quien decide'), { target: { value: 'frase' } });
    const buttons = screen.getAllByRole('button');
    const last = buttons[buttons.length - 1]!;
    last.focus();
    fireEvent.keyDown(dialog, { key: 'Tab' });
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: /Teodomiro/ }));
    fireEvent.keyDown(dialog, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(last);
  });

  it('Escape cancels, and focus goes back to where it was', () => {
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    const onCancel = vi.fn();
    const { unmount } = render(
      <CosignDialog request={request} mode="reject" keyholders={keyholders} zone="America/Lima" now={NOW} onDone={() => {}} onCancel={onCancel} />,
    );
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(1);
    unmount();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});

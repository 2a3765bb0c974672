import { render, screen } from '@testing-library/react';
import i18n from 'i18next';
import { vi } from 'vitest';
import { buildBridge, type Invoke } from '../../../../shared/bridge';
import type { RequestView } from '../../../../shared/requests';
import { CosignDialog } from '../../../../renderer/src/features/cosign/CosignDialog';
import { ADMIN, home, unlockedAs } from '../../fixtures';

/** A request of the administrator's, waiting for the head, valid for a day: what the kind and its description say is the caller's. */
export const pendingRequest = (fields: Pick<RequestView, 'id' | 'kind' | 'description'> & Partial<RequestView>): RequestView => ({
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
  reason: null,
  ...fields,
});

/** In Spanish, with a bridge that answers nothing: the dialog is read, not submitted. */
export async function silentSpanishBridge(): Promise<void> {
  await i18n.changeLanguage('es');
  window.custodia = buildBridge(
    vi.fn<Invoke>(async () => ({ ok: false, error: { code: 'INTERNAL' } })),
    () => () => {},
  );
}

/** The co-sign dialog as the Jefe de la Oficina opens it to authorize `request`; returns the text of what they sign. */
export function approvalFacts(request: RequestView, title: string): string {
  render(
    unlockedAs(
      'head',
      <CosignDialog request={request} mode="approve" keyholders={home.keyholders} zone="America/Lima" now={Date.now()} onDone={() => {}} onCancel={() => {}} />,
    ),
  );
  return screen.getByRole('dialog', { name: title }).querySelector('.request-facts')!.textContent ?? '';
}

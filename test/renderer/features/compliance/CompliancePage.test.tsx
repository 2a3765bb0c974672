import { fireEvent, screen, within } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_RULES, PERSON_RULES, type ComplianceCell, type ComplianceMatrix } from '../../../../shared/compliance';
import { HomeCompliance } from '../../../../renderer/src/features/compliance/HomeCompliance';
import { ACCOUNT, PERSON } from '../../fixtures';
import { fakeMain, openAs } from '../staff/bridge';

const ok = (value: unknown) => ({ ok: true as const, value });
const green = <R extends string>(rule: R) => ({ rule, state: 'green', reasons: [], fix: null }) as unknown as ComplianceCell;

/** A register of one account and one person; the account's password overdue (POL-4) and its two-step off (SEC-1). */
function matrix(): ComplianceMatrix {
  return {
    at: '2026-06-21T15:00:00Z',
    timeZone: 'America/Lima',
    accounts: [
      {
        accountId: ACCOUNT,
        displayName: 'Página Oficial Zafiroquinta',
        platform: 'facebook',
        kind: 'principal',
        pending: false,
        cells: ACCOUNT_RULES.map((rule): ComplianceCell =>
          rule === 'POL-4'
            ? {
                rule,
                state: 'red',
                reasons: [{ code: 'overdue', params: { dueAt: '2026-06-16T14:00:00.000Z' } }],
                fix: { screen: 'account', accountId: ACCOUNT, section: 'password' },
              }
            : rule === 'SEC-1'
              ? { rule, state: 'amber', reasons: [{ code: 'two_step_unknown' }], fix: { screen: 'account', accountId: ACCOUNT, section: 'two-step' } }
              : rule === 'LIFE-2'
                ? { rule, state: 'not_applicable', reasons: [{ code: 'not_support' }], fix: null }
                : green(rule),
        ) as ComplianceMatrix['accounts'][number]['cells'],
      },
    ],
    people: [
      {
        personId: PERSON,
        name: 'Yolanda Mamani Ccori',
        function: 'community_manager',
        status: 'active',
        cells: PERSON_RULES.map((rule): ComplianceCell =>
          rule === 'ROLE-5'
            ? {
                rule,
                state: 'red',
                reasons: [{ code: 'shared_password', params: { count: 2 } }],
                fix: { screen: 'account', accountId: ACCOUNT, section: 'distribution' },
              }
            : green(rule),
        ) as ComplianceMatrix['people'][number]['cells'],
      },
    ],
    archived: [],
    counts: { red: 2, amber: 1, accountsRed: 1, peopleRed: 1 },
    notEvaluated: [],
    procedural: ['SUP-1', 'SUP-3', 'SUP-4'],
  };
}

beforeEach(async () => {
  await i18n.changeLanguage('es');
});

describe('«Cumplimiento»', () => {
  it('shows both matrices as tables with row and column headers, each cell’s state in words', async () => {
    fakeMain({ 'compliance.matrix': ok(matrix()) });
    openAs('head', '/compliance');
    const [accounts, people] = await screen.findAllByRole('table');
    expect(
      within(accounts!)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Cuenta', ...ACCOUNT_RULES]);
    const row = within(accounts!)
      .getByRole('rowheader', { name: /Página Oficial Zafiroquinta/ })
      .closest('tr')!;
    const cells = within(row).getAllByRole('cell');
    expect(cells).toHaveLength(ACCOUNT_RULES.length);
    expect(cells[ACCOUNT_RULES.indexOf('POL-4')]!.textContent).toContain('No cumple');
    expect(cells[ACCOUNT_RULES.indexOf('POL-4')]!.textContent).toContain('Cambio vencido desde el');
    expect(cells[ACCOUNT_RULES.indexOf('SEC-1')]!.textContent).toContain('Atención');
    expect(cells[ACCOUNT_RULES.indexOf('LIFE-2')]!.textContent).toBe('No aplica');
    expect(cells[ACCOUNT_RULES.indexOf('POL-1')]!.textContent).toBe('Cumple');
    expect(within(people!).getByText('Cuenta compartida: 2 personas tienen la contraseña y no su propio usuario.')).toBeTruthy();
    // The rule's own short text is the column header's title.
    expect(within(accounts!).getByText('POL-4').getAttribute('title')).toMatch(/cada 15 días/);
    expect(screen.getByText(/2 en rojo, 1 en ámbar/)).toBeTruthy();
  });

  it('a red cell leads to the screen that fixes it', async () => {
    fakeMain({ 'compliance.matrix': ok(matrix()) });
    const router = openAs('administrator', '/compliance');
    fireEvent.click(await screen.findByRole('link', { name: 'Corregir POL-4 en Página Oficial Zafiroquinta' }));
    expect(router.state.location.pathname).toBe(`/accounts/${ACCOUNT}/password`);
  });

  it('lists the procedural rules in the legend, and says which rules this vault cannot judge yet', async () => {
    fakeMain({ 'compliance.matrix': ok({ ...matrix(), notEvaluated: ['SUP-2'] }) });
    openAs('head', '/compliance');
    const legend = await screen.findByRole('region', { name: 'Leyenda' });
    expect(within(legend).getByText(/Se cumple con el informe mensual firmado/)).toBeTruthy();
    expect(within(legend).getByText(/Sin evaluar en esta bóveda .*SUP-2/)).toBeTruthy();
  });

  it('a refusal (a vault found altered) is shown translated, never a matrix', async () => {
    fakeMain({ 'compliance.matrix': { ok: false, error: { code: 'VAULT_TAMPERED' } } });
    openAs('head', '/compliance');
    expect(await screen.findByText(/La bóveda fue alterada fuera de Custodia/)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('in English too', async () => {
    await i18n.changeLanguage('en');
    fakeMain({ 'compliance.matrix': ok(matrix()) });
    openAs('head', '/compliance');
    expect(await screen.findByRole('heading', { name: 'Compliance', level: 1 })).toBeTruthy();
    expect(screen.getAllByText('Not met').length).toBe(2);
  });
});

describe('the home screen’s counts', () => {
  it('says how many cells are red and amber and leads to the matrix', async () => {
    fakeMain({ 'compliance.summary': ok({ at: '2026-06-21T15:00:00Z', counts: { red: 3, amber: 4, accountsRed: 2, peopleRed: 1 } }) });
    const router = openAs('head', '/', <HomeCompliance />);
    expect((await screen.findByTestId('home-compliance')).textContent).toContain('3 celdas en rojo (2 cuentas, 1 personas) y 4 en ámbar.');
    fireEvent.click(screen.getByRole('link', { name: 'Ver el cumplimiento' }));
    expect(router.state.location.pathname).toBe('/compliance');
  });

  it('says so when everything judged is met', async () => {
    fakeMain({ 'compliance.summary': ok({ at: '2026-06-21T15:00:00Z', counts: { red: 0, amber: 0, accountsRed: 0, peopleRed: 0 } }) });
    openAs('head', '/', <HomeCompliance />);
    expect((await screen.findByTestId('home-compliance')).textContent).toContain('Todas las reglas evaluadas se cumplen.');
  });
});

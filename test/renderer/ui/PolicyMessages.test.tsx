import { render, screen } from '@testing-library/react';
import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import { ErrorNotice } from '../../../renderer/src/ui/ErrorNotice';

/** POL-2's refusals name the piece and how it was dressed (issue 14); the length cap says its maximum. */
describe('POL-2 messages', () => {
  it.each([
    [
      { reason: 'name', token: 'N4up4r1', canonical: 'Ñaupari', kind: 'vault', form: 'leet' },
      'Contiene el nombre «N4up4r1» («Ñaupari» en l33t): no use nombres de personas, de la institución, de sus cuentas ni de plataformas. · Regla POL-2',
    ],
    [
      { reason: 'word', token: 'Projimo', canonical: 'prójimo', kind: 'word', form: 'unaccented' },
      'Contiene la palabra «Projimo» («prójimo» escrito sin tilde): no use palabras del diccionario, ni disfrazadas con números o símbolos. · Regla POL-2',
    ],
    [
      { reason: 'word', token: 'Congreso', canonical: 'congreso', kind: 'word', form: 'plain' },
      'Contiene la palabra «Congreso»: no use palabras del diccionario, ni disfrazadas con números o símbolos. · Regla POL-2',
    ],
    [
      { reason: 'words', token: 'Tal, Paz, Pie', form: 'plain' },
      'Está hecha de palabras o nombres (Tal, Paz, Pie): aunque cada pieza sea corta, juntas se adivinan. Use una contraseña generada. · Regla POL-2',
    ],
  ])('in Spanish: %j', async (details, text) => {
    await i18n.changeLanguage('es');
    const { unmount } = render(<ErrorNotice error={{ code: 'POLICY_VIOLATION', rule: 'POL-2', details }} />);
    expect(screen.getByRole('alert').textContent).toBe(text);
    unmount();
  });

  it('in English, a surname reversed', async () => {
    await i18n.changeLanguage('en');
    render(
      <ErrorNotice
        error={{
          code: 'POLICY_VIOLATION',
          rule: 'POL-2',
          details: { reason: 'name', token: 'Irapuan', canonical: 'Ñaupari', kind: 'vault', form: 'reversed' },
        }}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe(
      'It contains the name “Irapuan” (“Ñaupari” reversed): no names of people, of the institution, its accounts or platforms. · Rule POL-2',
    );
  });

  it('a candidate over the cap: its length and the maximum', async () => {
    await i18n.changeLanguage('es');
    render(<ErrorNotice error={{ code: 'POLICY_VIOLATION', rule: 'POL-1', details: { reason: 'too_long', length: 172, max: 128 } }} />);
    expect(screen.getByRole('alert').textContent).toBe('Tiene 172 caracteres: el máximo es 128. · Regla POL-1');
  });
});

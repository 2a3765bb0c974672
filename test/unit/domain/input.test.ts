import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { calendarDate, httpsUrl, isCalendarDate, optionalText, phoneShape, text, textFault } from '../../../shared/input';
import { normalizePhone } from '../../../main/domain/phone';

const reasonOf = (result: z.ZodSafeParseResult<unknown>) =>
  result.success ? undefined : (result.error.issues[0] as { params?: { reason?: string } }).params?.reason;

describe('text a person typed (shared/input.ts)', () => {
  it.each([
    ['a lone high surrogate', '\ud800', 'identifier', 'lone_surrogate'],
    ['a lone low surrogate inside a note', 'nota \udc00 rota', 'multiline', 'lone_surrogate'],
    ['a right-to-left override in a name', 'Página\u202Efdp.exe', 'identifier', 'bidi'],
    ['an isolate in free text', 'motivo \u2066oculto\u2069', 'multiline', 'bidi'],
    ['a NUL in a handle', 'prensa\u0000', 'identifier', 'control'],
    ['a C1 control', 'x\u0085y', 'line', 'control'],
    ['a line feed in a one-line field', 'a\nb', 'line', 'control'],
    ['a zero-width space in a login', 'pren\u200Bsa', 'identifier', 'control'],
    ['a BOM in a name', '\uFEFFAna', 'identifier', 'control'],
  ] as const)('refuses %s', (_label, value, kind, reason) => {
    expect(textFault(value, kind)).toBe(reason);
    expect(reasonOf(text(200, kind).safeParse(value))).toBe(reason);
  });

  it.each([
    ['accented Spanish', 'Oficina de Comunicación e Imagen — Ñuñoa', 'identifier'],
    ['Quechua and Aymara letters', 'Ch’aska Quispe Mamani', 'identifier'],
    ['a note over several lines with a tab', 'primera línea\n\tsegunda', 'multiline'],
    ['an emoji sequence (its joiners) in a note', 'equipo 👩‍💻 de prensa', 'multiline'],
  ] as const)('accepts %s', (_label, value, kind) => {
    expect(textFault(value, kind)).toBeUndefined();
    expect(text(200, kind).safeParse(value).success).toBe(true);
  });

  it('normalizes to NFC and trims, then bounds the length', () => {
    expect(text(50).parse('  Perú\u0301 ')).toBe('Perú́'.normalize('NFC'));
    expect(text(50).parse('Jose\u0301')).toBe('José');
    expect(reasonOf(text(5).safeParse('abcdef'))).toBe('too_long');
    expect(reasonOf(text(5).safeParse('   '))).toBe('required');
    expect(optionalText(5).parse('   ')).toBeUndefined();
  });
});

describe('dates', () => {
  it.each(['2024-02-29', '2000-01-01', '2100-12-31', '2026-11-28'])('accepts the real day %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });
  it.each(['9999-12-31', '0000-00-00', '2024-02-30', '2023-02-29', '1999-12-31', '2101-01-01', '2026-13-01', '2026-1-1', '2026-11-28T00:00'])(
    'refuses %s',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
      expect(reasonOf(calendarDate.safeParse(value))).toBe('date');
    },
  );
});

describe('addresses and numbers', () => {
  it.each(['http://facebook.com/prensa', 'javascript:alert(1)', 'https://user:pw@facebook.com/x', 'https://localhost/x', 'facebook.com/prensa'])(
    'refuses the profile address %s',
    (value) => {
      expect(reasonOf(httpsUrl().safeParse(value))).toBe('url');
    },
  );
  it('accepts an https profile address', () => {
    expect(httpsUrl().parse('https://www.facebook.com/prensa.oficial')).toBe('https://www.facebook.com/prensa.oficial');
  });
  it.each(['()()()', '+', '12345', '+51 (9)', 'uno dos tres'])('refuses the phone shape %s', (value) => {
    expect(reasonOf(phoneShape.safeParse(value))).toBe('phone');
  });
  it('judges a number as one of the institution’s country, and any written with its +code', () => {
    expect(normalizePhone('987 654 321', 'America/Lima')).toBe('+51 987 654 321');
    expect(normalizePhone('0981 123456', 'America/Asuncion')).toBe('+595 981 123456');
    expect(normalizePhone('+34 612 345 678', 'America/Lima')).toBe('+34 612 34 56 78');
    expect(() => normalizePhone('123 456', 'America/Lima')).toThrow(
      expect.objectContaining({ code: 'INVALID_REQUEST', details: { field: 'number', reason: 'phone' } }),
    );
    expect(() => normalizePhone('987 654 321', 'Asia/Tokyo')).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }));
  });
});

import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { CustodiaError } from './errors';

/**
 * The institution's country, from its time zone: the region a number written without its
 * country code belongs to. A zone not listed here asks for the number in international form.
 */
const ZONE_COUNTRY: Readonly<Record<string, CountryCode>> = {
  'America/Lima': 'PE',
  'America/Asuncion': 'PY',
  'America/Bogota': 'CO',
  'America/La_Paz': 'BO',
  'America/Santiago': 'CL',
  'America/Argentina/Buenos_Aires': 'AR',
  'America/Buenos_Aires': 'AR',
  'America/Montevideo': 'UY',
  'America/Caracas': 'VE',
  'America/Guayaquil': 'EC',
  'America/Mexico_City': 'MX',
  'America/Panama': 'PA',
  'America/Costa_Rica': 'CR',
  'America/Guatemala': 'GT',
  'America/El_Salvador': 'SV',
  'America/Tegucigalpa': 'HN',
  'America/Managua': 'NI',
  'America/Santo_Domingo': 'DO',
  'America/Havana': 'CU',
  'America/Sao_Paulo': 'BR',
  'Europe/Madrid': 'ES',
};

export function countryOfTimeZone(timeZone: string): CountryCode | undefined {
  return ZONE_COUNTRY[timeZone];
}

/** A real phone number of the institution's country (or any, written with its +code), in international form. */
export function normalizePhone(value: string, timeZone: string): string {
  const parsed = parsePhoneNumberFromString(value, countryOfTimeZone(timeZone));
  if (!parsed?.isValid()) throw new CustodiaError('INVALID_REQUEST', { field: 'number', reason: 'phone' });
  return parsed.formatInternational();
}

import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { MONTHLY_REPORT_CONTEXT, type MonthlyReportBody, type SignedMonthlyReport } from '../../../shared/reports';
import type { Sodium } from '../../vault/sodium';

/**
 * The signed monthly report (SUP-3): Ed25519 over CONTEXT + JCS(body) (RFC 8785, as the audit chain
 * canonicalizes), so that scripts/verify-report.mjs, with nothing but Node's built-ins, recomputes
 * the very bytes that were signed. The context keeps this signature from ever standing for an audit
 * event, a co-signed intent or another document.
 */
const encoder = new TextEncoder();

export function signedBytes(body: MonthlyReportBody): Uint8Array {
  const text = canonicalize(body);
  if (text === undefined) throw new Error('report is not serialisable');
  return encoder.encode(`${MONTHLY_REPORT_CONTEXT}${text}`);
}

/** SHA-256 of the signed bytes: what the audit event records and the verifier prints. */
export const reportDigest = (body: MonthlyReportBody): string => createHash('sha256').update(signedBytes(body)).digest('hex');

export function signReport(s: Sodium, signSecret: Uint8Array, body: MonthlyReportBody): SignedMonthlyReport {
  const signature = s.crypto_sign_detached(signedBytes(body), signSecret);
  return { report: body, signature: { algorithm: 'Ed25519', context: MONTHLY_REPORT_CONTEXT, value: s.to_hex(signature) } };
}

/** The file handed over: indented for a person to read; the verifier canonicalizes again. */
export const reportFileText = (signed: SignedMonthlyReport): string => `${JSON.stringify(signed, null, 2)}\n`;

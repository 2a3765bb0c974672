import { z } from 'zod';
import type { ChangeKindId, ChangeReason, ExposureKind } from './domain';
import type { OutsideChangeKind } from './incidents';
import type { RuleId } from './rules';

/**
 * Printed and signed documents (issue 17): Formularios A and B of MITIC 678/2022, Anexo II (LIFE-4),
 * and the monthly report of the INPE indicator applied to credential changes (SUP-3), with its
 * machine-readable figures signed by the head's Ed25519 key and checked offline by
 * scripts/verify-report.mjs.
 */
const id = z.string().uuid();

/** Formulario A: ABM of a profile; Formulario B: ABM of an authorized user (its roles included). */
export type FormularioKind = 'A' | 'B';
const FORM_OF: Partial<Record<ChangeKindId, { form: FormularioKind; mark: FormularioMark }>> = {
  'account.create': { form: 'A', mark: 'alta' },
  'account.modify': { form: 'A', mark: 'modificacion' },
  'account.decommission': { form: 'A', mark: 'baja' },
  'person.register': { form: 'B', mark: 'alta' },
  'person.update': { form: 'B', mark: 'modificacion' },
  'person.depart': { form: 'B', mark: 'baja' },
  // A role given or taken away changes what the user is authorized for («Perfil y cuentas autorizadas», «Roles»).
  'role.grant': { form: 'B', mark: 'modificacion' },
  'role.revoke': { form: 'B', mark: 'modificacion' },
};
/** Alta / Baja / Modif., as the form's first row marks it with an X. */
export type FormularioMark = 'alta' | 'baja' | 'modificacion';

/** The form a request of this kind prints, and the box it marks; null for kinds no form records. */
export const formularioOf = (kind: ChangeKindId): { form: FormularioKind; mark: FormularioMark } | null => FORM_OF[kind] ?? null;

export const formularioRequest = z.object({ requestId: id }).strict();

export interface FormularioResult {
  form: FormularioKind;
  /** A request not authorized (pending, expired or rejected) prints as a draft («BORRADOR»). */
  draft: boolean;
  /** Saved where the person chose, or not (the save dialog was cancelled). */
  saved: boolean;
}

/** A calendar month, YYYY-MM, read in the institution's time zone. */
export const reportMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export const monthlyReportRequest = z.object({ month: reportMonth }).strict();
/** The head proves their passphrase to sign (SUP-3), as in the co-sign dialog. */
export const monthlySignRequest = z.object({ month: reportMonth, signerId: id, passphrase: z.string().min(1).max(1024) }).strict();

/** The format named inside the signed body, so that a verifier knows what it reads. */
export const MONTHLY_REPORT_FORMAT = 'custodia/monthly-report/v1';
/** Prefixed to the canonical body before signing: this signature can never be replayed as any other. */
export const MONTHLY_REPORT_CONTEXT = 'custodia/v1/monthly-report:';

/** SUP-3: credential changes of the month, co-signed and applied against everything recorded. */
export interface ChangeFigures {
  /** Password versions applied on the platform in the month (each co-signed, POL-5). */
  passwords: number;
  /** Two-step seeds set or removed, recovery codes replaced: co-signed and in force. */
  twoStep: number;
  /** Authorized = passwords + twoStep. */
  authorized: number;
  /** Changes recorded as made on a platform outside Custodia (SUP-2's incidents), by kind. */
  outside: number;
  outsideByKind: Record<OutsideChangeKind, number>;
  total: number;
  /** authorized / total, in percent to one decimal; null when nothing changed. */
  sharePercent: number | null;
}

export interface RotationFigures {
  /** Versions that replaced one in force (a first password is not a rotation). */
  applied: number;
  /** Applied no later than the due date of the version they replaced (POL-4). */
  onTime: number;
  late: number;
  byReason: Record<ChangeReason, number>;
  /** Accounts in force at the month's end whose password was past its due date then. */
  overdueAtMonthEnd: number;
  /** Accounts in force at the month's end. */
  accountsAtMonthEnd: number;
}

export interface MonthlyFigures {
  changes: ChangeFigures;
  rotations: RotationFigures;
  /**
   * Who was shown or given a password (design.md §4) and recovery codes seen or delivered; `exported`:
   * passwords and seeds written into an authorized KeePass export (issue 18), each its exporter's
   * exposure; `seedsShown`: two-step seeds shown once to move them to another authenticator.
   */
  exposures: Record<ExposureKind, number> & { exported: number; seedsShown: number; recoveryCodes: number; total: number };
  /** Co-signed requests decided in the month, by what they change. */
  requests: {
    roleGrants: number;
    roleRevocations: number;
    altas: number;
    modificaciones: number;
    bajas: number;
    peopleRegistered: number;
    peopleUpdated: number;
    departures: number;
    /** Inventories imported from a spreadsheet or a KeePass file (issue 18). */
    inventoryImports: number;
    /** Exports of the vault to a KeePass file. */
    vaultExports: number;
    rejected: number;
  };
  incidents: { recorded: number; closed: number; openAtMonthEnd: number };
  handovers: { started: number; completed: number };
}

/** The compliance view at generation (SUP-1): counts, and per rule the red and amber cells. */
export interface ComplianceFigures {
  at: string;
  red: number;
  amber: number;
  accountsRed: number;
  peopleRed: number;
  byRule: { rule: RuleId; red: number; amber: number }[];
}

/** What the head signs: every figure, where and when they were read, the audit chain head and the signer. */
export interface MonthlyReportBody {
  format: typeof MONTHLY_REPORT_FORMAT;
  institution: { name: string; acronym: string };
  month: string;
  /** [from, to) as instants; the month in the institution's zone. */
  period: { from: string; to: string; timeZone: string };
  /** The month is over: its figures will not change (only then is it signed). */
  complete: boolean;
  generatedAt: string;
  figures: MonthlyFigures;
  compliance: ComplianceFigures;
  audit: { seq: number; head: string };
  signer: { role: 'head'; name: string; documentId: string | null; publicKey: string; fingerprint: string } | null;
}

/** The JSON handed to the oversight office: the body and its Ed25519 signature over CONTEXT + JCS(body). */
export interface SignedMonthlyReport {
  report: MonthlyReportBody;
  signature: { algorithm: 'Ed25519'; context: typeof MONTHLY_REPORT_CONTEXT; value: string };
}

/** The report as the screen shows it before signing (no signer). */
export type MonthlyReportView = MonthlyReportBody;

export interface MonthlySignResult {
  /** Saved where the person chose (the PDF, and the signed JSON beside it), or not (cancelled: nothing signed). */
  saved: boolean;
  /** SHA-256 of the signed bytes, as the audit event records it. */
  digest: string | null;
  fingerprint: string;
}

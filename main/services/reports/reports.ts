import { writeFileSync } from 'node:fs';
import type { ComplianceMatrix } from '../../../shared/compliance';
import { RULE_IDS, type RuleId } from '../../../shared/rules';
import {
  formularioOf,
  MONTHLY_REPORT_FORMAT,
  type ComplianceFigures,
  type FormularioResult,
  type MonthlyReportBody,
  type MonthlySignResult,
} from '../../../shared/reports';
import { CustodiaError } from '../../domain/errors';
import { lastEvent } from '../../vault/audit/log';
import type { Db } from '../../vault/db';
import { findChangeRequest } from '../../vault/repositories/change-requests';
import { outsideChangesBetween } from '../../vault/repositories/incidents';
import { readInstitution } from '../../vault/repositories/institution';
import type { Sodium } from '../../vault/sodium';
import type { ComplianceService } from '../compliance/compliance';
import type { CosignService } from '../cosign';
import type { SavePathPort } from '../handover/handovers';
import type { IntegrityService, RowRef } from '../integrity/integrity';
import { requireAction } from '../vault/roles';
import type { Actor, Clock, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';
import { formularioData } from './formulario-data';
import { formularioDocument } from './formularios';
import { monthlyDocument } from './monthly-document';
import { MONTHLY_TABLES, monthlyFigures, monthOf, monthPeriod } from './monthly-figures';
import { fileSafe, writePdf } from './pdf';
import { reportDigest, reportFileText, signReport } from './signed-report';
import { signerOf, type ReportSigner } from './signer';

/**
 * Printed and signed documents (issue 17): Formularios A and B from a co-signed request (LIFE-4),
 * and the monthly report (SUP-3) whose figures the head signs with their Ed25519 key after proving
 * their passphrase at the workstation, as in the co-sign dialog. Every row a document rests on is
 * checked against the signed log first (a row edited with sqlite3 is VAULT_TAMPERED, never printed);
 * the renderer never names a path: main asks the save dialog.
 */
export class ReportService {
  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly cosign: Pick<CosignService, 'payloadOf'>,
    private readonly compliance: Pick<ComplianceService, 'matrix'>,
    private readonly integrity: Pick<IntegrityService, 'assertRows' | 'assertTablesWhole' | 'report'>,
    private readonly clock: Clock,
    private readonly savePath?: SavePathPort,
  ) {}

  /** Writes a request's Formulario to `path` (tests; the app goes through `saveFormulario`). */
  async formulario(actor: Actor, requestId: string, options: { path: string }): Promise<FormularioResult> {
    const data = this.formularioData(actor, requestId);
    await writePdf(formularioDocument(data), options.path);
    return { form: data.form, draft: data.draft !== null, saved: true };
  }

  /** A request's Formulario A or B, saved where the person chooses; a draft («BORRADOR») until authorized. */
  async saveFormulario(actor: Actor, requestId: string): Promise<FormularioResult> {
    const data = this.formularioData(actor, requestId);
    const result = { form: data.form, draft: data.draft !== null, saved: false };
    if (!this.savePath) return result;
    const day = (data.authorization?.at ?? data.generatedAt).slice(0, 10);
    const path = await this.savePath(`formulario-${data.form}-${fileSafe(data.institution.acronym)}-${day}${data.draft ? '-borrador' : ''}.pdf`);
    if (!path) return result;
    await writePdf(formularioDocument(data), path);
    return { ...result, saved: true };
  }

  /** The month's figures as the screen shows them before signing (an open month: up to now, partial). */
  monthly(actor: Actor, month: string): MonthlyReportBody {
    requireAction(actor, 'report.read');
    return this.body(actor, month, null);
  }

  /**
   * The head signs the month's report (SUP-3): their passphrase proven here, the figures read and
   * checked, the body signed over its canonical bytes, and `report.signed` recorded with the digest
   * in the same transaction as nothing else. Then the PDF and the signed JSON are written (`paths`).
   */
  async signMonthly(
    month: string,
    signerId: string,
    passphrase: string,
    paths: () => Promise<{ pdf: string; json: string } | null>,
  ): Promise<MonthlySignResult> {
    const signer = await this.sessions.authenticate(signerId, passphrase);
    try {
      requireAction(signer, 'report.sign');
      const db = this.vault.require();
      const who = signerOf(this.s, db, this.sessions.require().keys.records, signer);
      const { fingerprint } = who;
      const zone = this.institution(db).timeZone;
      // Only a month that is over: its figures will not change after the signature (SUP-3).
      if (month >= monthOf(this.clock(), zone)) throw new CustodiaError('REPORT_MONTH_OPEN', { month }, 'SUP-3');
      const body = this.body(signer, month, who);
      const chosen = await paths();
      if (!chosen) return { saved: false, digest: null, fingerprint };
      const signed = signReport(this.s, signer.signSecret, body);
      const digest = reportDigest(body);
      this.sessions.commit(
        () => undefined,
        () => ({ at: this.clock().toISOString(), action: 'report.signed', subjects: {}, details: { month, digest, fingerprint } }),
        signer,
      );
      await writePdf(monthlyDocument(body, { digest }), chosen.pdf);
      writeFileSync(chosen.json, reportFileText(signed));
      return { saved: true, digest, fingerprint };
    } finally {
      this.sessions.release(signer);
    }
  }

  /** The signing with the save dialog: one choice names the PDF; the signed JSON goes beside it. */
  saveSignedMonthly(month: string, signerId: string, passphrase: string): Promise<MonthlySignResult> {
    return this.signMonthly(month, signerId, passphrase, async () => {
      if (!this.savePath) return null;
      const acronym = fileSafe(this.institution(this.vault.require()).acronym);
      const pdf = await this.savePath(`informe-mensual-${acronym}-${month}.pdf`);
      return pdf ? { pdf, json: `${pdf.replace(/\.pdf$/i, '')}.json` } : null;
    });
  }

  private formularioData(actor: Actor, requestId: string) {
    requireAction(actor, 'form.print');
    const db = this.vault.require();
    const row = findChangeRequest(db, requestId);
    if (!row) throw new CustodiaError('COSIGN_UNKNOWN', undefined, 'LIFE-4');
    if (!formularioOf(row.kind)) throw new CustodiaError('FORM_NOT_APPLICABLE', { kind: row.kind }, 'LIFE-4');
    const institution = this.institution(db);
    const refs: RowRef[] = [['change_requests', requestId]];
    const data = formularioData(
      {
        refs,
        db,
        s: this.s,
        key: this.sessions.require().keys.records,
        cosign: this.cosign,
        now: this.clock().toISOString(),
        institution: { name: institution.name, acronym: institution.acronym, timeZone: institution.timeZone },
      },
      row,
    );
    // The request as its proposal and decision recorded it, and every record the form read beside it.
    this.integrity.assertRows(refs);
    return data;
  }

  private body(actor: Actor, month: string, signer: ReportSigner | null): MonthlyReportBody {
    const db = this.vault.require();
    // A vault the last full verification found altered is reported by nobody (the integrity panel names what).
    const verified = this.integrity.report();
    if (verified && !verified.ok) throw new CustodiaError('VAULT_TAMPERED', undefined, 'SUP-3');
    const institution = this.institution(db);
    const now = this.clock();
    const zone = institution.timeZone;
    if (month > monthOf(now, zone)) throw new CustodiaError('REPORT_MONTH_OPEN', { month }, 'SUP-3');
    const period = monthPeriod(month, zone);
    const complete = now.toISOString() >= period.to;
    const read = complete ? period : { from: period.from, to: now.toISOString() };
    const { figures, refs } = monthlyFigures(db, read, outsideChangesBetween(db, read.from, read.to));
    this.integrity.assertRows(refs);
    this.integrity.assertTablesWhole(MONTHLY_TABLES);
    const head = lastEvent(db);
    return {
      format: MONTHLY_REPORT_FORMAT,
      institution: { name: institution.name, acronym: institution.acronym },
      month,
      period: { ...read, timeZone: zone },
      complete,
      generatedAt: now.toISOString(),
      figures,
      compliance: complianceFigures(this.compliance.matrix(actor)),
      audit: { seq: head.seq, head: this.s.to_hex(head.hash) },
      signer: signer && { role: 'head', ...signer },
    };
  }

  private institution(db: Db) {
    const institution = readInstitution(db, this.s, this.sessions.require().keys.records);
    if (!institution) throw new CustodiaError('VAULT_CORRUPT', { part: 'institution' });
    return institution;
  }
}

/** The compliance view's counts and, rule by rule, its red and amber cells (SUP-1). */
export function complianceFigures(m: ComplianceMatrix): ComplianceFigures {
  const byRule = new Map<RuleId, { red: number; amber: number }>();
  const cells = [...m.accounts.flatMap((a) => a.cells), ...m.people.flatMap((p) => p.cells), ...m.archived.map((a) => a.cell)];
  for (const c of cells) {
    if (c.state !== 'red' && c.state !== 'amber') continue;
    const n = byRule.get(c.rule) ?? { red: 0, amber: 0 };
    n[c.state] += 1;
    byRule.set(c.rule, n);
  }
  return {
    at: m.at,
    ...m.counts,
    byRule: RULE_IDS.flatMap((rule) => {
      const n = byRule.get(rule);
      return n ? [{ rule, ...n }] : [];
    }),
  };
}

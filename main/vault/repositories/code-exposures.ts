import type { Db } from '../db';

/** Who saw (a keyholder's reveal) or received (a delivery to a person) one recovery code (HAND-3). */
export interface CodeExposureRow {
  id: string;
  accountId: string;
  setId: string;
  codeId: string;
  keyholderId: string | null;
  personId: string | null;
  how: 'revealed' | 'institutional_email' | 'in_person';
  at: string;
  recordedBy: string;
}

export function insertCodeExposure(db: Db, e: CodeExposureRow): void {
  db.prepare(
    `INSERT INTO code_exposures (id, account_id, set_id, code_id, keyholder_id, person_id, how, at, recorded_by)
     VALUES (@id, @accountId, @setId, @codeId, @keyholderId, @personId, @how, @at, @recordedBy)`,
  ).run(e);
}

import { CustodiaError } from '../../domain/errors';
import { storageError } from '../../vault/storage-errors';

/** A refusal or a failing disk, as the typed error the person reads; undefined for a defect of ours (INTERNAL). */
export function typedFailure(error: unknown): CustodiaError | undefined {
  return error instanceof CustodiaError ? error : storageError(error, true);
}

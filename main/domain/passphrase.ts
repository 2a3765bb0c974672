import { assessStrength } from '../../shared/strength';
import { PASSPHRASE_MIN_LENGTH, PASSPHRASE_MIN_SCORE } from '../../shared/domain';
import type { AppError } from '../../shared/result';

/**
 * A keyholder's passphrase guards the vault key: at least 12 characters and a zxcvbn-ts score of
 * at least 3, judged also against the names typed in the same ceremony (a passphrase made of the
 * institution's acronym or the holder's own name scores low).
 */
export function checkPassphrase(passphrase: string, userInputs: string[]): AppError | null {
  const length = [...passphrase.normalize('NFC')].length;
  if (length < PASSPHRASE_MIN_LENGTH) {
    return { code: 'PASSPHRASE_WEAK', details: { reason: 'length', min: PASSPHRASE_MIN_LENGTH, length } };
  }
  const { score } = assessStrength(passphrase, userInputs);
  if (score < PASSPHRASE_MIN_SCORE) {
    return { code: 'PASSPHRASE_WEAK', details: { reason: 'score', score, min: PASSPHRASE_MIN_SCORE } };
  }
  return null;
}

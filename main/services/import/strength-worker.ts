import { parentPort, workerData } from 'node:worker_threads';
import { judgeStrength, type StrengthRules } from '../../domain/import/strength';
import { createPolicyDictionary } from '../../domain/password-policy';
import { fromPortable } from './portable-lexicon';
import type { StrengthAnswer, StrengthMessage, StrengthWorkerData } from './strength-pool';

/**
 * Worker thread (main/services/import/strength-pool.ts): judges chunks of an import's passwords
 * against POL-1/2 with the dictionary a proposal uses, rebuilt here exactly: the same packed
 * lexicon (shared memory) and, per job, the vault's names, the file's names and the minimum;
 * zxcvbn-ts's estimator takes no vault data. Answers each chunk with the rule and reason of each
 * verdict; it logs nothing and keeps no password.
 */
const lexicon = fromPortable((workerData as StrengthWorkerData).lexicon);
const strength = createPolicyDictionary([], lexicon).strength;
let job: { id: number; rules: StrengthRules } | undefined;

parentPort!.on('message', (message: StrengthMessage) => {
  if ('minLength' in message) {
    const rules = {
      minLength: message.minLength,
      dictionary: { vault: fromPortable(message.vault), lexicon, strength },
      importNames: fromPortable(message.importNames),
    };
    job = { id: message.job, rules };
    return;
  }
  if (job?.id !== message.job) return;
  const rules = job.rules;
  const answer: StrengthAnswer = { job: message.job, start: message.start, verdicts: message.secrets.map((secret) => judgeStrength(secret, rules)) };
  parentPort!.postMessage(answer);
});

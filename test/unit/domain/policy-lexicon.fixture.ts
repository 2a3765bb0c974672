import { createRequire } from 'node:module';
import { buildLexicon, type Lexicon } from '../../../main/domain/policy/lexicon';

const require = createRequire(import.meta.url);
let built: Lexicon | undefined;

/** POL-2's lexicon from the kept packages, built once per test file and passed in explicitly. */
export function testLexicon(): Lexicon {
  built ??= buildLexicon({ spanish: require('an-array-of-spanish-words') as string[], english: require('an-array-of-english-words') as string[] });
  return built;
}

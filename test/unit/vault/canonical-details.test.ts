import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalDetails, canonicalJson } from '../../../main/vault/audit/chain';

/** The row digests of an event are laid out directly (a re-key's event holds one per row of the vault): the very JCS text canonicalize writes. */
describe('canonicalDetails', () => {
  it('writes what canonicalJson writes, for any details and rows', () => {
    const key = fc.string({ unit: 'binary', maxLength: 12 });
    const rows = fc.dictionary(
      key,
      fc.dictionary(key, fc.option(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 32 }), { nil: null })),
    );
    const details = fc.dictionary(
      key.filter((k) => k !== 'rows'),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(details, rows, (d, r) => {
        expect(canonicalDetails(d, r)).toBe(canonicalJson({ ...d, rows: r }));
      }),
      { numRuns: 500 },
    );
  });
});

import type { policyReasons as es } from './policy.es';

/**
 * POL-2 and the length cap (issue 14), chosen by details.reason. `name` and `word` keep their
 * sentence and add how the piece was dressed ({{form}}: plain adds nothing) and its written form.
 */
export const policyReasons: typeof es = {
  name: 'It contains the name “{{token}}”$t(errorReasons.POLICY_VIOLATION.forms.{{form}}): no names of people, of the institution, its accounts or platforms.',
  word: 'It contains the word “{{token}}”$t(errorReasons.POLICY_VIOLATION.forms.{{form}}): no dictionary words, not even disguised with digits or symbols.',
  words: 'It is made of words or names ({{token}}): however short each piece, together they are guessable. Use a generated password.',
  too_long: 'It has {{length}} characters: the maximum is {{max}}.',
  forms: {
    plain: '',
    unaccented: ' (“{{canonical}}” without its accent)',
    leet: ' (“{{canonical}}” in l33t)',
    reversed: ' (“{{canonical}}” reversed)',
  },
};

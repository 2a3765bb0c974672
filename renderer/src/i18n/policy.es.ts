/**
 * POL-2 and the length cap (issue 14), chosen by details.reason. `name` and `word` keep their
 * sentence and add how the piece was dressed ({{form}}: plain adds nothing) and its written form.
 */
export const policyReasons = {
  name: 'Contiene el nombre «{{token}}»$t(errorReasons.POLICY_VIOLATION.forms.{{form}}): no use nombres de personas, de la institución, de sus cuentas ni de plataformas.',
  word: 'Contiene la palabra «{{token}}»$t(errorReasons.POLICY_VIOLATION.forms.{{form}}): no use palabras del diccionario, ni disfrazadas con números o símbolos.',
  words: 'Está hecha de palabras o nombres ({{token}}): aunque cada pieza sea corta, juntas se adivinan. Use una contraseña generada.',
  too_long: 'Tiene {{length}} caracteres: el máximo es {{max}}.',
  forms: {
    plain: '',
    unaccented: ' («{{canonical}}» escrito sin tilde)',
    leet: ' («{{canonical}}» en l33t)',
    reversed: ' («{{canonical}}» al revés)',
  },
};

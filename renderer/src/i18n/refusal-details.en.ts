/** Storage faults, a second instance, newer files, oversized images and refused input: what happened and what the person can do. */
export const storageErrors = {
  STORAGE_FULL: 'The disk holding the vault is full. Nothing was changed. Free some space on this computer and try again.',
  STORAGE_READ_ONLY: 'The vault folder or file is read-only. Nothing was changed. Ask technical support to restore write permission, then try again.',
  STORAGE_UNREADABLE:
    'The vault folder cannot be read: permissions are missing or the disk is unavailable. No new vault is offered there. Restore access and try again.',
  STORAGE_IO:
    'The disk reported a read or write error. Nothing was changed. Try again; if it repeats, tell technical support and do not switch the computer off abruptly.',
  VAULT_IN_USE:
    'The vault is already open in another Custodia window on this computer (started {{startedText}}, process {{pid}}). Use that window or close it first.',
  VAULT_NEWER_FORMAT:
    'The vault was written by a newer version of Custodia (format {{format}}; this version reads up to {{supported}}). Install the latest version; the file was not modified.',
  IMAGE_TOO_LARGE:
    'The image is too large ({{width}} × {{height}} px, {{megabytes}} MB); the limit is {{maxSide}} × {{maxSide}} px and {{maxMegabytes}} MB. Crop the screenshot around the QR code.',
};

export const inputReasons = {
  lone_surrogate: 'The field “{{fieldText}}” holds broken characters (invalid Unicode text).',
  control: 'The field “{{fieldText}}” holds control or invisible characters.',
  bidi: 'The field “{{fieldText}}” holds characters that reverse the text direction: it could display as something it is not.',
  too_long: 'The field “{{fieldText}}” is too long (at most {{max}} characters).',
  required: 'Fill in the field “{{fieldText}}”.',
  date: 'The field “{{fieldText}}” is not a real date between 2000-01-01 and 2100-12-31.',
  phone: 'The field “{{fieldText}}” is not a valid phone number.',
  email: 'The field “{{fieldText}}” is not a valid e-mail address.',
  url: 'The field “{{fieldText}}” must be a valid https:// address.',
  invalid: 'The field “{{fieldText}}” is not valid.',
};

export const fieldNames = {
  name: 'name',
  acronym: 'acronym',
  emailDomains: 'e-mail domains',
  timeZone: 'time zone',
  passphrase: 'passphrase',
  displayName: 'account name',
  handle: 'handle',
  altHandle: 'alternative handle',
  profileUrl: 'profile address',
  loginIdentifier: 'login',
  supportStart: 'start date',
  supportEnd: 'end date',
  notes: 'notes',
  note: 'note',
  reason: 'reason',
  email: 'e-mail',
  channel: 'delivery channel',
  label: 'device name',
  number: 'number',
  recoveryEmail: 'recovery e-mail',
  issuer: 'issuer',
  secret: 'secret',
  uri: 'otpauth link',
  image: 'image',
  block: 'codes',
  query: 'search',
  from: 'from',
  to: 'to',
  method: 'second step',
  names: 'given names',
  surnames: 'surnames',
  documentId: 'ID number',
  dependency: 'unit',
  link: 'kind of link',
  linkDetail: 'institution of origin or company',
  mobile: 'mobile',
  function: 'function',
  date: 'date',
  startDate: 'start date',
  internalContactId: 'internal contact',
  reference: 'agreement reference',
  role: 'role',
} satisfies Record<string, string>;

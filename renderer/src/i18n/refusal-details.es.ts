/** Storage faults, a second instance, newer files, oversized images and refused input: what happened and what the person can do. */
export const storageErrors = {
  STORAGE_FULL: 'El disco donde está la bóveda está lleno. No se aplicó ningún cambio. Libere espacio en el equipo y vuelva a intentar.',
  STORAGE_READ_ONLY:
    'La carpeta o el archivo de la bóveda es de solo lectura. No se aplicó ningún cambio. Pida a soporte técnico que restablezca el permiso de escritura y vuelva a intentar.',
  STORAGE_UNREADABLE:
    'No se puede leer la carpeta de la bóveda: faltan permisos o el disco no está disponible. No se ofrece crear una bóveda nueva allí. Restablezca el acceso y vuelva a intentar.',
  STORAGE_IO:
    'El disco dio un error de lectura o escritura. No se aplicó ningún cambio. Vuelva a intentar; si se repite, avise a soporte técnico y no apague el equipo de golpe.',
  VAULT_IN_USE:
    'La bóveda ya está abierta en otra ventana de Custodia de este equipo (iniciada {{startedText}}, proceso {{pid}}). Use esa ventana o ciérrela antes.',
  VAULT_NEWER_FORMAT:
    'La bóveda fue escrita por una versión más nueva de Custodia (formato {{format}}; esta versión lee hasta el {{supported}}). Instale la versión más reciente; el archivo no se modificó.',
  IMAGE_TOO_LARGE:
    'La imagen es demasiado grande ({{width}} × {{height}} px, {{megabytes}} MB); el máximo es {{maxSide}} × {{maxSide}} px y {{maxMegabytes}} MB. Recorte la captura alrededor del código QR.',
};

/** INVALID_REQUEST, chosen by details.reason; {{fieldText}} names the field. */
export const inputReasons = {
  lone_surrogate: 'El campo «{{fieldText}}» contiene caracteres dañados (texto Unicode no válido).',
  control: 'El campo «{{fieldText}}» contiene caracteres de control o invisibles.',
  bidi: 'El campo «{{fieldText}}» contiene caracteres que cambian la dirección del texto: podría mostrarse como algo distinto de lo que es.',
  too_long: 'El campo «{{fieldText}}» es demasiado largo (máximo {{max}} caracteres).',
  required: 'Complete el campo «{{fieldText}}».',
  date: 'El campo «{{fieldText}}» no es una fecha real entre el 01/01/2000 y el 31/12/2100.',
  phone: 'El campo «{{fieldText}}» no es un número de teléfono válido.',
  email: 'El campo «{{fieldText}}» no es una dirección de correo válida.',
  url: 'El campo «{{fieldText}}» debe ser una dirección https:// válida.',
  invalid: 'El campo «{{fieldText}}» no es válido.',
};

/** Names of the fields that a refusal may name (the last segment of its path). */
export const fieldNames = {
  name: 'nombre',
  acronym: 'siglas',
  emailDomains: 'dominios de correo',
  timeZone: 'zona horaria',
  passphrase: 'frase de acceso',
  displayName: 'nombre de la cuenta',
  handle: 'usuario',
  altHandle: 'usuario alternativo',
  profileUrl: 'dirección del perfil',
  loginIdentifier: 'usuario de acceso',
  supportStart: 'fecha de inicio',
  supportEnd: 'fecha de fin',
  notes: 'notas',
  note: 'nota',
  reason: 'motivo',
  email: 'correo',
  channel: 'medio de entrega',
  label: 'nombre del equipo',
  number: 'número',
  recoveryEmail: 'correo de recuperación',
  issuer: 'emisor',
  secret: 'clave',
  uri: 'enlace otpauth',
  image: 'imagen',
  block: 'códigos',
  query: 'búsqueda',
  from: 'desde',
  to: 'hasta',
  method: 'segundo paso',
  names: 'nombres',
  surnames: 'apellidos',
  documentId: 'cédula / DNI',
  dependency: 'dependencia',
  link: 'tipo de vínculo',
  linkDetail: 'institución de origen o empresa',
  mobile: 'celular',
  function: 'función',
  date: 'fecha',
  startDate: 'fecha de inicio',
  internalContactId: 'contacto interno',
  reference: 'referencia del acuerdo',
  role: 'rol',
  // Incidentes (SUP-2): qué pasó, cuándo y a quién se reportó.
  kind: 'tipo',
  description: 'descripción',
  accountIds: 'cuentas afectadas',
  occurredOn: 'fecha del incidente',
  occurredTime: 'hora del incidente',
  occurredAt: 'fecha y hora del incidente',
  recipient: 'reportado a',
  reportedOn: 'fecha del reporte',
  changedOn: 'fecha del cambio',
  changedTime: 'hora del cambio',
  changedAt: 'fecha y hora del cambio',
};

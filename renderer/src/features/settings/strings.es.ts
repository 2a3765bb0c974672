/** The institution's settings, changed only by a co-signed request. */
export const settingsEs = {
  settings: {
    title: 'Configuración',
    intro: 'Todo cambio de configuración es una solicitud que el Jefe de la Oficina debe autorizar con su frase de acceso (regla POL-5).',
    policy: 'Política de contraseñas',
    rotationTitle: 'Rotación',
    session: 'Sesión y portapapeles',
    kindOverride: 'Intervalo para cuentas «{{kind}}» (días, vacío = el general)',
    note: 'Motivo del cambio (opcional)',
    changes: 'Cambios de configuración',
    submit: 'Enviar para autorización',
    proposed: 'Propuesta enviada. El Jefe de la Oficina debe autorizarla en Inicio.',
    fields: {
      policyMinLength: 'Longitud mínima de las contraseñas',
      rotationIntervalDays: 'Intervalo de rotación (días)',
      kindIntervals: 'Intervalos por tipo de cuenta',
      rotationWarningDays: 'Aviso previo al vencimiento (días)',
      rotateAfterUse: 'Rotar después de revelar o copiar',
      rotateAfterUseHours: 'Horas para rotar después del uso',
      applyWindowHours: 'Plazo para aplicar una contraseña autorizada (horas)',
      clipboardSeconds: 'Limpiar el portapapeles tras (segundos)',
      revealSeconds: 'Ocultar una contraseña revelada tras (segundos)',
      idleLockMinutes: 'Bloquear por inactividad tras (minutos)',
      cosignExpiryHours: 'Vigencia de una solicitud sin autorizar (horas)',
    },
  },
};

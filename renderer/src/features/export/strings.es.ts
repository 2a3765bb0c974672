/** Export (issue 18): the KeePass file, co-signed and performed once, and the inventory without secrets. */
export const exportEs = {
  export: {
    title: 'Exportar',
    intro:
      'Saque la información de la bóveda de forma controlada: el inventario de cuentas, sin contraseñas, o un archivo KeePass completo con la autorización del Jefe de la Oficina.',
    inventoryTitle: 'Inventario de cuentas (sin contraseñas)',
    inventoryIntro:
      'Una hoja de cálculo (CSV) con cada cuenta oficial: plataforma, nombre, usuario, URL, inicio de sesión, correo vinculado, doble factor, estado y fechas de rotación. No lleva contraseñas, semillas ni códigos de recuperación.',
    inventory: 'Exportar el inventario (sin contraseñas)…',
    inventorySaving: 'Guardando…',
    inventorySaved_one: 'Inventario guardado en {{file}}: {{count}} cuenta.',
    inventorySaved_other: 'Inventario guardado en {{file}}: {{count}} cuentas.',
    cancelled: 'No se guardó ningún archivo.',
    kdbxTitle: 'Exportar a KeePass',
    kdbxIntro:
      'Un archivo KeePass (KDBX 4) con cada cuenta vigente: su contraseña actual y su semilla de verificación en dos pasos. Lo autoriza el Jefe de la Oficina (POL-5) y lo realiza una sola vez quien lo solicitó. Cada contraseña y semilla exportada queda registrada como vista por usted: deberán cambiarse a su salida (HAND-3).',
    note: 'Motivo y destinatario (por ejemplo, «copia para el auditor»)',
    propose: 'Solicitar la exportación…',
    proposing: 'Solicitando…',
    pending: 'Su solicitud de exportación espera la autorización del Jefe de la Oficina; vence el {{when}}.',
    ready: 'Exportación autorizada el {{when}}: puede realizarla una sola vez hasta el {{until}}.',
    passphrase: 'Contraseña del archivo KeePass (al menos {{min}} caracteres, POL-1)',
    confirm: 'Repita la contraseña del archivo',
    mismatch: 'Las dos contraseñas no coinciden.',
    save: 'Guardar el archivo KeePass…',
    saving: 'Escribiendo el archivo…',
    saved:
      'Archivo KeePass guardado en {{file}}. Cuentas: {{accounts}}; contraseñas: {{passwords}}; semillas: {{seeds}}; todas registradas como vistas por usted.',
  },
};

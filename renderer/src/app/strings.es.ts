/** The shell: the title bar, the navigation, the demonstration banner. */
export const appEs = {
  app: { name: 'Custodia', tagline: 'Custodia de credenciales institucionales', language: 'Idioma', loading: 'Cargando…' },
  nav: {
    home: 'Inicio',
    accounts: 'Cuentas',
    staff: 'Personal',
    keyholders: 'Custodios',
    incidents: 'Incidentes',
    compliance: 'Cumplimiento',
    reports: 'Informe mensual',
    history: 'Historial de cambios',
    audit: 'Registro de auditoría',
    backup: 'Copias de seguridad',
    kit: 'Kit de emergencia',
    settings: 'Configuración',
  },
  demo: {
    banner:
      'DEMOSTRACIÓN — bóveda de ejemplo en una carpeta temporal, en el navegador y sin las protecciones de la aplicación de escritorio. No ingrese credenciales reales.',
  },
};

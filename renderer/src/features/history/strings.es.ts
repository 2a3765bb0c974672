/** The vault-wide history of credential versions. */
export const historyEs = {
  history: {
    title: 'Historial de cambios de contraseña',
    account: 'Cuenta',
    person: 'Persona',
    reason: 'Motivo',
    from: 'Desde',
    to: 'Hasta',
    all: 'Todas',
    allPeople: 'Todas',
    empty: 'No hay cambios con esos filtros.',
    n: 'N.º',
    proposedBy: 'Propuesta por',
    authorizedBy: 'Autorizada por',
    appliedAt: 'Vigente desde',
    notApplied: 'Por aplicar',
  },
};

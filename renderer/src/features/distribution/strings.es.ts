/** Who may receive an account's password, and each delivery (POL-6). */
export const distributionEs = {
  distribution: {
    title: 'Entrega de la contraseña (regla POL-6)',
    intro:
      'Personas autorizadas a recibir la contraseña de esta cuenta. Registre cada entrega de la versión vigente; solo por correo institucional o en persona.',
    none: 'Aún no hay personas autorizadas para esta cuenta.',
    noVersion: 'Las entregas se registran cuando hay una contraseña vigente.',
    version: 'Versión vigente: {{n}}',
    person: 'Persona',
    delivered: 'Entregas de esta versión',
    notDelivered: 'Pendiente',
    deliveredBy: '{{channel}} · {{when}} · registró {{name}}',
    channel: 'Medio de entrega',
    chooseChannel: '— Elija el medio —',
    record: 'Registrar entrega',
    recorded: 'Entrega registrada.',
    remove: 'Quitar',
    add: 'Autorizar a una persona',
    choose: '— Elija una persona —',
    addButton: 'Autorizar',
    newPerson: 'Proponer el registro de una persona nueva',
    newPersonHint:
      'Registrar a una persona es un acto autorizado (regla LIFE-4): el Jefe de la Oficina autoriza la solicitud en Inicio y recién entonces la persona queda registrada. Después podrá autorizarla para esta cuenta.',
    name: 'Nombre completo',
    email: 'Correo institucional',
    register: 'Enviar para autorización',
    proposed:
      'Solicitud enviada. El registro de {{name}} queda pendiente: estará en la lista cuando el Jefe de la Oficina lo autorice en Inicio; después podrá autorizar a esa persona para esta cuenta.',
    channels: { institutional_email: 'Correo institucional', in_person: 'En persona' },
  },
};

import type { distributionEs } from './strings.es';

export const distributionEn: typeof distributionEs = {
  distribution: {
    title: 'Password delivery (rule POL-6)',
    intro: 'People authorized to receive this account’s password. Record each delivery of the current version; institutional e-mail or in person only.',
    none: 'Nobody is authorized for this account yet.',
    noVersion: 'Deliveries are recorded once there is a current password.',
    version: 'Current version: {{n}}',
    person: 'Person',
    delivered: 'Deliveries of this version',
    notDelivered: 'Pending',
    deliveredBy: '{{channel}} · {{when}} · recorded by {{name}}',
    channel: 'Delivery channel',
    chooseChannel: '— Choose the channel —',
    record: 'Record delivery',
    recorded: 'Delivery recorded.',
    remove: 'Remove',
    add: 'Authorize a person',
    choose: '— Choose a person —',
    addButton: 'Authorize',
    newPerson: 'Propose registering a new person',
    newPersonHint:
      'Registering a person is an authorized act (rule LIFE-4): the office head authorizes the request on the home screen, and only then is the person on record. You can then authorize them for this account.',
    name: 'Full name',
    email: 'Institutional e-mail',
    register: 'Send for authorization',
    proposed:
      'Request sent. The registration of {{name}} is pending: they will be on the list once the office head authorizes it on the home screen; you can then authorize them for this account.',
    channels: { institutional_email: 'Institutional e-mail', in_person: 'In person' },
  },
};

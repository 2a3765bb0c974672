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
    newPerson: 'Register and authorize a new person',
    name: 'Full name',
    email: 'Institutional e-mail',
    register: 'Register and authorize',
    channels: { institutional_email: 'Institutional e-mail', in_person: 'In person' },
  },
};

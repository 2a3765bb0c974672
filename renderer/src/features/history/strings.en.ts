import type { historyEs } from './strings.es';

export const historyEn: typeof historyEs = {
  history: {
    title: 'Password change history',
    account: 'Account',
    person: 'Person',
    reason: 'Reason',
    from: 'From',
    to: 'To',
    all: 'All',
    allPeople: 'Everyone',
    empty: 'No changes match these filters.',
    n: 'No.',
    proposedBy: 'Proposed by',
    authorizedBy: 'Authorized by',
    appliedAt: 'Current since',
    notApplied: 'To apply',
  },
};

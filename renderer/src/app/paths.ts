/** Every address of the unlocked app (hash routing: custodia://app/index.html#/accounts/…). */
export const paths = {
  home: '/',
  accounts: '/accounts',
  newAccount: '/accounts/new',
  account: (accountId: string) => `/accounts/${accountId}`,
  history: '/history',
  settings: '/settings',
} as const;

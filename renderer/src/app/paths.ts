/** The sections of an account's page, each at its own address (#/accounts/:id/password, …); the summary is the page itself. */
export const ACCOUNT_SECTIONS = ['summary', 'password', 'two-step', 'distribution', 'history'] as const;
export type AccountSection = (typeof ACCOUNT_SECTIONS)[number];
export const isAccountSection = (value: string | undefined): value is AccountSection => (ACCOUNT_SECTIONS as readonly (string | undefined)[]).includes(value);

/** Every address of the unlocked app (hash routing: custodia://app/index.html#/accounts/…). */
export const paths = {
  home: '/',
  accounts: '/accounts',
  newAccount: '/accounts/new',
  account: (accountId: string, section: AccountSection = 'summary') => (section === 'summary' ? `/accounts/${accountId}` : `/accounts/${accountId}/${section}`),
  request: (requestId: string) => `/requests/${requestId}`,
  staff: '/staff',
  /** Formulario B, alta; `keyholder`: the record of a keyholder who has none yet. */
  newStaff: (keyholderId?: string) => (keyholderId ? `/staff/new?keyholder=${keyholderId}` : '/staff/new'),
  person: (personId: string) => `/staff/${personId}`,
  /** Formulario B of a known person: completed if they have none, modified otherwise. */
  personRecord: (personId: string) => `/staff/${personId}/record`,
  keyholders: '/keyholders',
  /** A handover's checklist (issue 16). */
  handover: (handoverId: string) => `/handovers/${handoverId}`,
  history: '/history',
  audit: '/audit',
  settings: '/settings',
} as const;

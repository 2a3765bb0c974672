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
  /** Modificación and baja of an account (issue 17; LIFE-3, LIFE-4). */
  modifyAccount: (accountId: string) => `/accounts/${accountId}/modify`,
  decommissionAccount: (accountId: string) => `/accounts/${accountId}/decommission`,
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
  /** Security incidents (issue 17; SUP-2). */
  incidents: '/incidents',
  incident: (incidentId: string) => `/incidents/${incidentId}`,
  /** The compliance view (issue 17; SUP-1). */
  compliance: '/compliance',
  /** The monthly report (issue 17; SUP-3). */
  reports: '/reports',
  history: '/history',
  audit: '/audit',
  /** The initial inventory from a spreadsheet (issue 18). */
  importCsv: '/accounts/import',
  /** Backups of the whole vault (issue 18). */
  backup: '/backup',
  /** The emergency kit (issue 18, scope 6). */
  kit: '/kit',
  settings: '/settings',
} as const;

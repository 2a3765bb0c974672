import type { appEs } from './strings.es';

export const appEn: typeof appEs = {
  app: { name: 'Custodia', tagline: 'Custody of institutional credentials', language: 'Language', loading: 'Loading…' },
  nav: {
    home: 'Home',
    accounts: 'Accounts',
    staff: 'Staff',
    keyholders: 'Keyholders',
    incidents: 'Incidents',
    compliance: 'Compliance',
    reports: 'Monthly report',
    history: 'Change history',
    audit: 'Audit log',
    backup: 'Backups',
    kit: 'Emergency kit',
    settings: 'Settings',
  },
  demo: {
    banner: 'DEMONSTRATION — a sample vault in a temporary folder, in the browser, without the desktop app’s protections. Do not enter real credentials.',
  },
};

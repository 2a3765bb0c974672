import type { reportsEs } from './strings.es';

/** Printed and signed documents (issue 17): Forms A and B (LIFE-4) and the monthly report (SUP-3). */
export const reportsEn: typeof reportsEs = {
  reports: {
    formulario: {
      print_A: 'Print Form A',
      print_B: 'Print Form B',
      draftHint: 'Not authorized yet: it prints as a DRAFT.',
      saved: 'Form {{form}} saved.',
      savedDraft: 'Form {{form}} saved as a DRAFT: it is signed once the Office Head authorizes the request.',
      cancelled: 'No file was saved.',
    },
    monthly: {
      title: 'Monthly report',
      intro:
        'The indicator of authorized credential changes (SUP-3; INPE P-E3.01.04, section 7), with the rotations, exposures, roles, incidents and handovers of the month, in the institution’s time zone.',
      month: 'Month',
      partial: 'Month in progress: partial figures so far. The report is signed once the month is over.',
      indicator: 'Authorized credential changes',
      share: '{{authorized}} of {{total}} ({{percent}} %)',
      noChanges: 'No credential change recorded in the month.',
      figure: 'Figure',
      count: 'Count',
      figures: {
        passwords: 'Passwords applied with authorization (POL-5)',
        twoStep: 'Seeds and recovery codes changed with authorization',
        outside: 'Changes made outside Custodia (SUP-2)',
        rotations: 'Rotations applied',
        onTime: 'On time',
        late: 'Late',
        overdue: 'Accounts overdue at the month’s end',
        exposures: 'Exposures (passwords, seeds and codes)',
        exported: 'Of which in KeePass exports',
        roleGrants: 'Roles granted',
        roleRevocations: 'Roles revoked',
        departures: 'Staff departures',
        altas: 'Accounts created',
        bajas: 'Accounts decommissioned',
        imports: 'Inventories imported',
        exports: 'Exports to KeePass',
        incidents: 'Incidents recorded',
        incidentsOpen: 'Incidents open at the month’s end',
        handovers: 'Handovers completed',
        complianceRed: 'Red cells in compliance (when generated)',
      },
      chain: 'Audit chain head: event no. {{seq}}',
      sign: 'Sign and print',
      signTitle: 'Sign the monthly report of {{month}}',
      signIntro:
        'With their passphrase, the Office Head signs the figures with their key (Ed25519). The PDF for signature and seal is saved and, beside it, the signed JSON file the oversight office verifies.',
      passphrase: 'Office Head’s passphrase',
      cancel: 'Cancel',
      working: 'Signing…',
      signed: 'Report signed and saved. Key fingerprint: {{fingerprint}}. SHA-256: {{digest}}.',
      notSaved: 'Nothing was saved or signed.',
    },
  },
};

import type { exportEs } from './strings.es';

/** Export (issue 18): the KeePass file, co-signed and performed once, and the inventory without secrets. */
export const exportEn: typeof exportEs = {
  export: {
    title: 'Export',
    intro:
      'Take the vault’s information out in a controlled way: the inventory of accounts, without passwords, or a whole KeePass file with the Head of the Office’s authorization.',
    inventoryTitle: 'Inventory of accounts (no passwords)',
    inventoryIntro:
      'A spreadsheet (CSV) with every official account: platform, name, handle, URL, login, linked e-mail, two-step, status and rotation dates. It holds no password, seed or recovery code.',
    inventory: 'Export the inventory (no passwords)…',
    inventorySaving: 'Saving…',
    inventorySaved_one: 'Inventory saved to {{file}}: {{count}} account.',
    inventorySaved_other: 'Inventory saved to {{file}}: {{count}} accounts.',
    cancelled: 'No file was saved.',
    kdbxTitle: 'Export to KeePass',
    kdbxIntro:
      'A KeePass file (KDBX 4) with every account in force: its current password and its two-step seed. The Head of the Office authorizes it (POL-5) and whoever requested it performs it once. Every exported password and seed is recorded as seen by you: they must be changed when you leave (HAND-3).',
    note: 'Reason and recipient (for example, “copy for the auditor”)',
    propose: 'Request the export…',
    proposing: 'Requesting…',
    pending: 'Your export request waits for the Head of the Office’s authorization; it expires on {{when}}.',
    ready: 'Export authorized on {{when}}: you may perform it once, until {{until}}.',
    passphrase: 'KeePass file password (at least {{min}} characters, POL-1)',
    confirm: 'Repeat the file password',
    mismatch: 'The two passwords differ.',
    save: 'Save the KeePass file…',
    saving: 'Writing the file…',
    saved: 'KeePass file saved to {{file}}. Accounts: {{accounts}}; passwords: {{passwords}}; seeds: {{seeds}}; all recorded as seen by you.',
  },
};

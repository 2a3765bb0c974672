import type { backupEs } from './strings.es';

/** Backups and their restore (issue 18; MITIC 678/2022 §6.1.4: the office's information is kept). */
export const backupEn: typeof backupEs = {
  backup: {
    title: 'Backups',
    intro:
      'A backup is one encrypted file holding the whole vault and its audit log. Keep it on external media (a USB stick) in a safe place: without it, a dead disk or a stolen computer loses every credential of the institution. It opens with the passphrase of any keyholder of its time.',
    create: 'Save a backup…',
    creating: 'Saving the backup…',
    saved: 'Backup saved to {{file}}: {{rows}} records, {{size}}. Audit chain head: {{head}}.',
    cancelled: 'No backup was saved.',
    inspectTitle: 'Check a backup',
    inspectIntro: 'Reads the signed header of a backup file without any passphrase: who made it, when, what it holds and whether it is intact.',
    inspect: 'Choose a backup file…',
    notChosen: 'No file was chosen.',
    facts: {
      file: 'File',
      createdAt: 'Made on',
      chainHead: 'Audit chain head',
      signer: 'Signed by keyholder',
      keyholders: 'Keyholders who can open it',
      rows: 'Records',
      size: 'Size',
      sameVault: 'It is a backup of this vault.',
      otherVault: 'It is not a backup of this vault.',
      intact: 'Header and signature verified; the content is complete and unaltered.',
    },
    restore: {
      title: 'Arriving with a backup?',
      intro:
        'On a computer without a vault, a backup is restored with the passphrase of any of its keyholders. It is verified whole before it is installed: the audit chain, every signature and every record.',
      choose: 'Restore a backup…',
      who: 'Who opens it?',
      keyholder: '{{role}} · fingerprint {{fingerprint}}',
      passphrase: 'Passphrase (the one held when the backup was made)',
      open: 'Open and check the backup',
      opening: 'Checking the backup…',
      checked: 'Backup of {{institution}} from {{when}}, verified: {{events}} audit events.',
      headerHead: 'Head according to the header',
      restoredHead: 'Head according to the restored vault',
      headsMatch: 'They match.',
      install: 'Install this backup on this computer',
      installing: 'Installing…',
      notInstallable: 'This computer already has a vault: replacing it is a request the office head authorizes (not available yet).',
      installed: 'Backup installed. Unlock the vault with your passphrase.',
    },
  },
};

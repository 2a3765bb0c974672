import type { settingsEs } from './strings.es';

export const settingsEn: typeof settingsEs = {
  settings: {
    title: 'Settings',
    intro: 'Every settings change is a request the office head must authorize with their passphrase (rule POL-5).',
    policy: 'Password policy',
    rotationTitle: 'Rotation',
    session: 'Session and clipboard',
    backupTitle: 'Backups',
    kindOverride: 'Interval for “{{kind}}” accounts (days, empty = the general one)',
    note: 'Reason for the change (optional)',
    changes: 'Settings changes',
    submit: 'Send for authorization',
    proposed: 'Proposal sent. The office head must authorize it on the home screen.',
    fields: {
      policyMinLength: 'Minimum password length',
      rotationIntervalDays: 'Rotation interval (days)',
      kindIntervals: 'Intervals by account kind',
      rotationWarningDays: 'Warning before the due date (days)',
      rotateAfterUse: 'Rotate after a reveal, copy or export',
      rotateAfterUseHours: 'Hours to rotate after use',
      applyWindowHours: 'Time to apply an authorized password (hours)',
      clipboardSeconds: 'Clear the clipboard after (seconds)',
      revealSeconds: 'Hide a revealed password after (seconds)',
      idleLockMinutes: 'Lock when idle after (minutes)',
      cosignExpiryHours: 'Validity of an unauthorized request (hours)',
      backupReminderDays: 'Remind to make a new backup after (days)',
    },
  },
};

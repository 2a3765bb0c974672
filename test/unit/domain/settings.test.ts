import { describe, expect, it } from 'vitest';
import { checkDeliveryChannel } from '../../../main/domain/distribution';
import { checkSettings, settingsDiff } from '../../../main/domain/settings';
import type { InstitutionSettings } from '../../../shared/rotation';
import { DEFAULT_SETTINGS } from '../../fixtures/settings';

const DEFAULTS = DEFAULT_SETTINGS;

describe('settings bounds', () => {
  it('accepts the defaults', () => expect(checkSettings(DEFAULTS)).toBeNull());
  it.each([
    [{ policyMinLength: 11 }, { code: 'SETTINGS_INVALID', rule: 'POL-1', details: { setting: 'policyMinLength', value: 11, min: 12, max: 128 } }],
    [{ rotationIntervalDays: 0 }, { rule: 'POL-4', details: { setting: 'rotationIntervalDays', min: 1, max: 90 } }],
    [{ rotationIntervalDays: 91 }, { rule: 'POL-4', details: { setting: 'rotationIntervalDays' } }],
    [{ kindIntervals: { support: 400 } }, { rule: 'POL-4', details: { setting: 'rotationIntervalDays', kind: 'support' } }],
    [{ clipboardSeconds: 2 }, { details: { setting: 'clipboardSeconds', min: 5 } }],
    [{ idleLockMinutes: 1.5 }, { details: { setting: 'idleLockMinutes' } }],
    [{ cosignExpiryHours: 500 }, { rule: 'POL-5', details: { setting: 'cosignExpiryHours' } }],
    // Issue 18: the backup reminder, 1 to 90 days; no rule of the seeds names it.
    [{ backupReminderDays: 0 }, { code: 'SETTINGS_INVALID', details: { setting: 'backupReminderDays', value: 0, min: 1, max: 90 } }],
    [{ backupReminderDays: 91 }, { code: 'SETTINGS_INVALID', details: { setting: 'backupReminderDays', value: 91, min: 1, max: 90 } }],
  ])('refuses %o, naming the setting and its bounds', (change, refusal) => {
    expect(checkSettings({ ...DEFAULTS, ...change } as InstitutionSettings)).toMatchObject(refusal);
  });
});

describe('settings diff', () => {
  it('lists only what changes, per-kind intervals compared by kind', () => {
    const from = { ...DEFAULTS, kindIntervals: { support: 7, authority: 10 } };
    const to = { ...DEFAULTS, rotationIntervalDays: 10, kindIntervals: { authority: 10, support: 7 } };
    expect(settingsDiff(from, to)).toEqual([{ setting: 'rotationIntervalDays', from: 15, to: 10 }]);
    expect(settingsDiff(from, { ...to, kindIntervals: { authority: 10 } })).toHaveLength(2);
  });
});

describe('POL-6 delivery channels', () => {
  it.each(['institutional_email', 'in_person'])('accepts %s', (c) => expect(checkDeliveryChannel(c)).toBeNull());
  it.each(['whatsapp', 'telegram', 'sms', 'email', ''])('refuses %s with POL-6', (c) => {
    expect(checkDeliveryChannel(c)).toEqual({ code: 'DELIVERY_CHANNEL', rule: 'POL-6', details: { channel: c } });
  });
});

import { ACCOUNT_KINDS, SETTING_BOUNDS, type BoundedSetting } from '../../shared/domain';
import type { InstitutionSettings, SettingKey } from '../../shared/rotation';
import type { AppError, DetailValue, RuleId } from '../../shared/result';

/** The rule each bounded setting carries out, for the error that refuses a value out of range. */
const RULE_OF: Partial<Record<BoundedSetting, RuleId>> = {
  policyMinLength: 'POL-1',
  rotationIntervalDays: 'POL-4',
  rotationWarningDays: 'POL-4',
  rotateAfterUseHours: 'POL-4',
  applyWindowHours: 'POL-4',
  cosignExpiryHours: 'POL-5',
};

function outOfBounds(setting: BoundedSetting, value: number, kind?: string): AppError | null {
  const { min, max } = SETTING_BOUNDS[setting];
  if (Number.isInteger(value) && value >= min && value <= max) return null;
  const rule = RULE_OF[setting];
  return { code: 'SETTINGS_INVALID', ...(rule ? { rule } : {}), details: { setting, value, min, max, ...(kind ? { kind } : {}) } };
}

/** The first setting out of its bounds (POL-1's minimum length never below 12), or null. */
export function checkSettings(s: InstitutionSettings): AppError | null {
  for (const setting of Object.keys(SETTING_BOUNDS) as BoundedSetting[]) {
    const refusal = outOfBounds(setting, s[setting]);
    if (refusal) return refusal;
  }
  for (const kind of ACCOUNT_KINDS) {
    const days = s.kindIntervals[kind];
    if (days === undefined) continue;
    const refusal = outOfBounds('rotationIntervalDays', days, kind);
    if (refusal) return refusal;
  }
  return null;
}

/** Scalars by value; the per-kind intervals by kind, whatever order their keys came in. */
function sameValue(a: InstitutionSettings[SettingKey], b: InstitutionSettings[SettingKey]): boolean {
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  return ACCOUNT_KINDS.every((kind) => a[kind] === b[kind]);
}

/** The settings a proposal changes, with their old and new values, in a stable order. */
export function settingsDiff(from: InstitutionSettings, to: InstitutionSettings): { setting: SettingKey; from: DetailValue; to: DetailValue }[] {
  const keys = Object.keys(to) as SettingKey[];
  return keys.filter((k) => !sameValue(from[k], to[k])).map((k) => ({ setting: k, from: from[k] as DetailValue, to: to[k] as DetailValue }));
}

import { appEn } from '../app/strings.en';
import { appEs } from '../app/strings.es';
import { accountsEn } from '../features/accounts/strings.en';
import { accountsEs } from '../features/accounts/strings.es';
import { auditEn } from '../features/audit/strings.en';
import { backupEn } from '../features/backup/strings.en';
import { importEn } from '../features/import/strings.en';
import { importEs } from '../features/import/strings.es';
import { exportEn } from '../features/export/strings.en';
import { exportEs } from '../features/export/strings.es';
import { kitEn } from '../features/kit/strings.en';
import { kitEs } from '../features/kit/strings.es';
import { backupEs } from '../features/backup/strings.es';
import { auditEs } from '../features/audit/strings.es';
import { cosignEn } from '../features/cosign/strings.en';
import { cosignEs } from '../features/cosign/strings.es';
import { distributionEn } from '../features/distribution/strings.en';
import { distributionEs } from '../features/distribution/strings.es';
import { handoverEn } from '../features/handover/strings.en';
import { handoverEs } from '../features/handover/strings.es';
import { historyEn } from '../features/history/strings.en';
import { historyEs } from '../features/history/strings.es';
import { incidentsEn } from '../features/incidents/strings.en';
import { incidentsEs } from '../features/incidents/strings.es';
import { complianceEn } from '../features/compliance/strings.en';
import { complianceEs } from '../features/compliance/strings.es';
import { reportsEn } from '../features/reports/strings.en';
import { reportsEs } from '../features/reports/strings.es';
import { integrityEn } from '../features/integrity/strings.en';
import { integrityEs } from '../features/integrity/strings.es';
import { keyholdersEn } from '../features/keyholders/strings.en';
import { keyholdersEs } from '../features/keyholders/strings.es';
import { lifecycleEn } from '../features/lifecycle/strings.en';
import { lifecycleEs } from '../features/lifecycle/strings.es';
import { rotationEn } from '../features/rotation/strings.en';
import { rotationEs } from '../features/rotation/strings.es';
import { settingsEn } from '../features/settings/strings.en';
import { settingsEs } from '../features/settings/strings.es';
import { staffEn } from '../features/staff/strings.en';
import { staffEs } from '../features/staff/strings.es';
import { twoStepEn } from '../features/two-step/strings.en';
import { twoStepEs } from '../features/two-step/strings.es';
import { vaultEn } from '../features/vault/strings.en';
import { vaultEs } from '../features/vault/strings.es';
import { commonEn } from './common.en';
import { commonEs } from './common.es';
import { errorsEn } from './errors.en';
import { errorsEs } from './errors.es';

/**
 * One `translation` namespace assembled from each feature's own strings (same keys as before the
 * split, so `t('accounts.title')` still reads as it did). Each feature owns whole top-level keys;
 * test/renderer/i18n/catalogue.test.tsx checks that no two files define the same one.
 */
export const FEATURE_STRINGS = {
  app: { es: appEs, en: appEn },
  common: { es: commonEs, en: commonEn },
  errors: { es: errorsEs, en: errorsEn },
  vault: { es: vaultEs, en: vaultEn },
  accounts: { es: accountsEs, en: accountsEn },
  cosign: { es: cosignEs, en: cosignEn },
  rotation: { es: rotationEs, en: rotationEn },
  history: { es: historyEs, en: historyEn },
  distribution: { es: distributionEs, en: distributionEn },
  settings: { es: settingsEs, en: settingsEn },
  staff: { es: staffEs, en: staffEn },
  twoStep: { es: twoStepEs, en: twoStepEn },
  integrity: { es: integrityEs, en: integrityEn },
  audit: { es: auditEs, en: auditEn },
  keyholders: { es: keyholdersEs, en: keyholdersEn },
  handover: { es: handoverEs, en: handoverEn },
  incidents: { es: incidentsEs, en: incidentsEn },
  lifecycle: { es: lifecycleEs, en: lifecycleEn },
  compliance: { es: complianceEs, en: complianceEn },
  reports: { es: reportsEs, en: reportsEn },
  backup: { es: backupEs, en: backupEn },
  import: { es: importEs, en: importEn },
  export: { es: exportEs, en: exportEn },
  kit: { es: kitEs, en: kitEn },
} as const;

/** Spanish, the interface's first language, in the institutions' own vocabulary. */
export const es = {
  ...appEs,
  ...commonEs,
  ...errorsEs,
  ...vaultEs,
  ...accountsEs,
  ...cosignEs,
  ...rotationEs,
  ...historyEs,
  ...distributionEs,
  ...settingsEs,
  ...staffEs,
  ...twoStepEs,
  ...integrityEs,
  ...auditEs,
  ...keyholdersEs,
  ...handoverEs,
  ...incidentsEs,
  ...lifecycleEs,
  ...complianceEs,
  ...reportsEs,
  ...backupEs,
  ...importEs,
  ...exportEs,
  ...kitEs,
};

export type Messages = typeof es;

/** English, the second language: the same keys, which the type keeps in step. */
export const en: Messages = {
  ...appEn,
  ...commonEn,
  ...errorsEn,
  ...vaultEn,
  ...accountsEn,
  ...cosignEn,
  ...rotationEn,
  ...historyEn,
  ...distributionEn,
  ...settingsEn,
  ...staffEn,
  ...twoStepEn,
  ...integrityEn,
  ...auditEn,
  ...keyholdersEn,
  ...handoverEn,
  ...incidentsEn,
  ...lifecycleEn,
  ...complianceEn,
  ...reportsEn,
  ...backupEn,
  ...importEn,
  ...exportEn,
  ...kitEn,
};

/**
 * Typed keys: `t('acounts.title')` fails `npm run typecheck` instead of showing the key to the
 * person (test/renderer/i18n/typed-keys.test.tsx plants such a file and checks that it fails).
 */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

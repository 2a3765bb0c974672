import { useTranslation } from 'react-i18next';

declare global {
  interface Window {
    /** Defined, read-only and true, only by `npm run demo`'s browser bridge; never in the desktop app. */
    readonly custodiaDemo?: boolean;
  }
}

/** Says on every screen that this is `npm run demo`: a sample vault in a browser, without the desktop shell's protections. */
export function DemoBanner() {
  const { t } = useTranslation();
  if (window.custodiaDemo !== true) return null;
  return (
    <div className="notice notice-error" role="note">
      {t('demo.banner')}
    </div>
  );
}

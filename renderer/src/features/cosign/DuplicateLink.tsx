import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AppError } from '../../../../shared/result';
import { paths } from '../../app/paths';

/** One open request per account and kind: a second proposal is refused (COSIGN_DUPLICATE) and this links to the first. */
export function DuplicateLink({ refusal }: { refusal: AppError | null }) {
  const { t } = useTranslation();
  const requestId = refusal?.code === 'COSIGN_DUPLICATE' ? refusal.details?.requestId : undefined;
  if (typeof requestId !== 'string') return null;
  return (
    <p className="duplicate-link">
      <Link to={paths.request(requestId)}>{t('requests.duplicate')}</Link>
    </p>
  );
}

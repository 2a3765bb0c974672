import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { HandoverList } from '../handover/HandoverList';
import { useStaffList } from '../staff/useStaff';
import { useVaultSession } from '../vault/session';
import { ChangePassphraseForm } from './ChangePassphraseForm';
import { EnrolForm } from './EnrolForm';
import { HandoverStartForm } from './HandoverStartForm';
import { KeyholderTable } from './KeyholderTable';
import { RevokeForm } from './RevokeForm';
import { useKeyholders } from './useKeyholders';

/**
 * «Custodios» (issue 16; HAND-1): who holds a key to the vault and where each key stands, the
 * handovers, one's own passphrase, and the co-signed changes — an enrolment into a vacant role, a
 * handover's start, a revocation.
 */
export function KeyholdersPage() {
  const { t } = useTranslation();
  const { home } = useVaultSession();
  const keyholders = useKeyholders();
  const staff = useStaffList();
  const zone = home.institution.timeZone;
  const institution = [home.institution.name, home.institution.acronym];
  const self = home.session.keyholderId;
  return (
    <div className="panel">
      <h1>{t('keyholders.title')}</h1>
      <p className="lead">{t('keyholders.intro')}</p>
      <ErrorNotice error={keyholders.refusal ?? staff.refusal} />
      {keyholders.data ? <KeyholderTable keyholders={keyholders.data} self={self} timeZone={zone} /> : null}
      <HandoverList timeZone={zone} />
      <ChangePassphraseForm />
      {keyholders.data && staff.data ? (
        <>
          <HandoverStartForm keyholders={keyholders.data} people={staff.data.people} institution={institution} />
          <EnrolForm keyholders={keyholders.data} people={staff.data.people} institution={institution} />
          <RevokeForm keyholders={keyholders.data} self={self} />
        </>
      ) : null}
    </div>
  );
}

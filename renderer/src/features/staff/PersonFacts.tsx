import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isDirectLink, type StaffDetail } from '../../../../shared/staff';
import { paths } from '../../app/paths';
import { Fact } from '../../ui/Fact';
import { formatDateTime } from '../../ui/format';
import { useStaffWords } from './useStaffWords';

/** Formulario B as recorded, and what ROLE-4 still lacks for someone not directly employed. */
export function PersonFacts({ person, timeZone }: { person: StaffDetail; timeZone: string }) {
  const { t } = useTranslation();
  const words = useStaffWords();
  const p = person.profile;
  const outside = p !== null && !isDirectLink(p.link);
  const missing = <span className="badge badge-warn">{t('person.agreementMissing')}</span>;
  return (
    <dl className="facts person-facts">
      <Fact label={t('person.fullName')}>{p ? `${p.names} ${p.surnames}` : person.name}</Fact>
      <Fact label={t('person.document')}>{p?.documentId}</Fact>
      <Fact label={t('person.email')}>{p?.email ?? person.email}</Fact>
      <Fact label={t('person.mobile')}>{p?.mobile}</Fact>
      <Fact label={t('person.dependency')}>{p?.dependency}</Fact>
      <Fact label={t('person.function')}>{p ? words.fn(p.function) : null}</Fact>
      <Fact label={t('person.link')}>
        {p ? (p.linkDetail ? t('person.linkWithDetail', { link: words.link(p.link), detail: p.linkDetail }) : words.link(p.link)) : null}
      </Fact>
      <Fact label={t('person.start')}>{p ? words.day(p.startDate) : null}</Fact>
      <Fact label={t('person.agreement')}>
        {p?.agreement ? t('person.agreementLine', { reference: p.agreement.reference, date: words.day(p.agreement.date) }) : outside ? missing : null}
      </Fact>
      <Fact label={t('person.contact')}>
        {person.internalContact ? (
          <Link to={paths.person(person.internalContact.id)}>{person.internalContact.name}</Link>
        ) : outside ? (
          <span className="badge badge-warn">{t('person.contactMissing')}</span>
        ) : null}
      </Fact>
      <Fact label={t('person.keyholder')}>{person.keyholderId ? t('person.keyholderYes') : null}</Fact>
      <Fact label={t('person.leaving')}>{person.leavingAt ? t('person.leavingSince', { when: formatDateTime(person.leavingAt, timeZone) }) : null}</Fact>
    </dl>
  );
}

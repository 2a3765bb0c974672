import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestView } from '../../../../shared/requests';
import { api, call } from '../../bridge/api';
import { useLoad } from '../../bridge/useLoad';
import { Fact } from '../../ui/Fact';
import { formatDateTime, platformLabel } from '../../ui/format';
import { useStaffWords } from '../staff/useStaffWords';
import { useRequestStatus } from './RequestCard';
import { useChangeWords } from './useChangeWords';

/**
 * What a decision signs, term by term: the account (platform, name, handle), the change and its
 * from → to, what was checked about a new password, the reason and note, who proposed it and
 * when, and its expiry. Never a secret.
 */
export function RequestFacts({ request: r, zone, now }: { request: RequestView; zone: string; now: number }) {
  const { t } = useTranslation();
  const words = useChangeWords();
  const status = useRequestStatus(zone);
  const staff = useStaffWords();
  const { accountId } = r;
  // The handle is the register's; a request names its account by id, name and platform.
  const account = useLoad(useCallback(async () => (accountId ? call(api().accounts.get({ accountId })) : null), [accountId]));
  const handle = account.data?.handle;
  // Formulario B and role changes are about a person: they name them, with what the rules judge (function, link).
  // A keyholder change is about the keyholder (HAND-1): named with their role, never as «the whole institution».
  const d = r.description;
  const person = 'person' in d ? staff.person(d.person) : 'keyholder' in d ? `${d.keyholder.name} (${t(`roles.${d.keyholder.role}`)})` : null;
  const where = r.accountName
    ? [`${r.accountName} (${r.platform ? platformLabel(r.platform) : '—'})`, handle ? t('change.handle', { handle }) : null].filter(Boolean).join(' · ')
    : person
      ? null
      : d.kind === 'inventory.import'
        ? t('change.inventory')
        : d.kind === 'vault.export'
          ? t('change.vaultExportWhere')
          : t('change.institution');
  const lines = words.details(r);
  return (
    <dl className="facts request-facts">
      <Fact label={t('change.account')}>{where}</Fact>
      <Fact label={t('change.person')}>{person}</Fact>
      <Fact label={t('change.what')}>{words.headline(r)}</Fact>
      <Fact label={t('change.detail')}>
        {lines.length === 1 ? (
          lines[0]
        ) : (
          <ul className="changes">
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </Fact>
      <Fact label={t('change.policy')}>{words.policy(r)}</Fact>
      <Fact label={t('change.reason')}>{r.description.kind === 'credential.rotate' ? t(`reasons.${r.description.reason}`) : null}</Fact>
      <Fact label={t('change.note')}>{r.reason ? `«${r.reason}»` : null}</Fact>
      <Fact label={t('change.proposedBy')}>
        {t('change.proposer', { name: r.proposedBy.name, role: t(`roles.${r.proposedBy.role}`), when: formatDateTime(r.proposedAt, zone) })}
      </Fact>
      <Fact label={t('change.expires')}>{status(r, now)}</Fact>
    </dl>
  );
}

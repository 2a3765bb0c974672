import { useTranslation } from 'react-i18next';
import { cosignStepOf } from '../../../../shared/cosign-actions';
import type { AuditEventView } from '../../../../shared/audit-log';
import { isMessageKey, labelFor } from '../../i18n/keys';
import { platformLabel } from '../../ui/format';

/** The kinds of event a person filters by: groups of the action catalogue (shared/audit-actions.ts) by what they are about. */
export const EVENT_GROUPS = [
  { id: 'credential', actions: ['credential.rotate'] },
  { id: 'reads', actions: ['credential.revealed', 'credential.copied'] },
  { id: 'applied', actions: ['credential.applied'] },
  { id: 'delivery', actions: ['credential.delivered', 'distribution'] },
  { id: 'settings', actions: ['settings.update'] },
  { id: 'totp', actions: ['totp'] },
  { id: 'recovery', actions: ['recovery', 'recovery_codes', 'recovery_code'] },
  { id: 'sessions', actions: ['vault.unlocked', 'vault.locked'] },
  {
    id: 'accounts',
    actions: ['account.registered', 'account.create', 'account.modify', 'account.decommission', 'account.verification_set', 'inventory.import'],
  },
  { id: 'registry', actions: ['person', 'role', 'device.registered', 'device.returned', 'two_step.updated'] },
  {
    id: 'vault',
    actions: [
      'vault.created',
      'keyholder',
      'handover',
      'integrity.adopted',
      'integrity.checkpoint',
      'rotation.rescheduled',
      'backup',
      'vault.export',
      'vault.exported',
      'inventory.exported',
      'kit',
      'vault.restore',
      'vault.replaced',
    ],
  },
  { id: 'incidents', actions: ['incident'] },
  { id: 'reports', actions: ['report'] },
] as const;
export type EventGroup = (typeof EVENT_GROUPS)[number]['id'];

/** The signer's keyholder; a forged event may name none, whatever the type says. */
export const actorOf = (e: AuditEventView): AuditEventView['actor'] | null => (e.actor as AuditEventView['actor'] | null) ?? null;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Every sentence starts with its actor; «un firmante desconocido» too starts it with a capital. */
const sentence = (words: string): string => words.charAt(0).toLocaleUpperCase() + words.slice(1);

/**
 * One audit event as a sentence in the interface's language: who did what to which account, from
 * the action catalogue. A co-signed kind's step is worded with the kind's own name («propuso el
 * cambio de configuración»); an action this version does not know is named as stored.
 */
export function useEventWords() {
  const { t } = useTranslation();
  return (e: AuditEventView): string => {
    // The kit signs its own use and the recovery's end; whether the signature holds is shown beside it, as for every event.
    const byKit = e.action === 'kit.used' || e.action === 'kit.recovered';
    const actor = actorOf(e)?.name ?? (byKit ? t('audit.kitActor') : t('audit.unknownActor'));
    const where = e.accountName ? t('audit.onAccount', { account: e.accountName }) : '';
    const cosign = cosignStepOf(e.action);
    if (cosign) return sentence(t(`auditSteps.${cosign.step}`, { actor, kindText: labelFor('changeKinds', cosign.kind), where }));
    const f = e.facts;
    const role = text(f.role);
    const reason = text(f.reason);
    const channel = text(f.channel);
    const platform = text(f.platform);
    const method = text(f.method);
    const values = {
      actor,
      where,
      account: e.accountName ?? '—',
      person: e.personName ?? '—',
      n: f.n ?? '—',
      seq: f.seq ?? '—',
      roleText: role ? labelFor('roles', role) : '—',
      lockText: reason ? labelFor('lockReasons', reason) : '—',
      channelText: channel ? labelFor('distribution.channels', channel) : '—',
      platformText: platform ? platformLabel(platform) : '—',
      methodText: method ? labelFor('twoStatus.methods', method) : '—',
      grantText: text(f.state) === 'revoked' ? t('audit.grantRevoked') : t('audit.grantActive'),
    };
    const key = `auditEvents.${e.action}`;
    return sentence(isMessageKey(key) ? t(key, values) : t('auditEvents.unknown', { actor, action: e.action }));
  };
}

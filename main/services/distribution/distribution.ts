import { randomUUID } from 'node:crypto';
import type { DeliveryChannel } from '../../../shared/domain';
import type { DistributionView, PersonView } from '../../../shared/rotation';
import { checkDeliveryChannel } from '../../domain/distribution';
import { CustodiaError } from '../../domain/errors';
import type { Db } from '../../vault/db';
import { accountKind } from '../../vault/repositories/accounts';
import { currentVersion, insertExposure } from '../../vault/repositories/credential-versions';
import { addRecipient, deliveriesOf, isRecipient, listPeople, personExists, recipientIds, removeRecipient } from '../../vault/repositories/people';
import type { Sodium } from '../../vault/sodium';
import { keyholderRefs } from './people';
import { requireAction } from '../vault/roles';
import type { Actor, Clock, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';
import { personOf } from '../accounts/views';
import { assertPersonActive } from '../people/facts';
import { assertAccountWritable } from '../lifecycle/guard';

/**
 * The distribution record (POL-6; Congreso 6.1.7, 6.2.5, 6.2.7): who may receive each account's
 * password, and each delivery of a version to one of them, by institutional e-mail or in person.
 * A delivery is an exposure of that version to that person.
 */
export class DistributionService {
  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
    /** A new person's names join the password dictionary (POL-2). */
    private readonly onPeopleChange: () => void = () => {},
  ) {}

  people(): PersonView[] {
    // Keyholders known by name only (no address yet) are not recipients: deliveries go to an address.
    const people = listPeople(this.vault.require(), this.s, this.sessions.require().keys.records)
      .filter((p) => p.email !== '')
      .map(({ id, name, email }) => ({ id, name, email }));
    return people.sort((a, b) => a.name.localeCompare(b.name, 'es'));
  }

  /** Refused when the person already is one: the record would hold an event with no row behind it. */
  addRecipient(actor: Actor, accountId: string, personId: string): null {
    requireAction(actor, 'distribution.edit');
    const at = this.clock().toISOString();
    this.sessions.commit(
      (db) => {
        this.requireBoth(db, accountId, personId);
        if (!addRecipient(db, { accountId, personId, addedBy: actor.keyholderId, addedAt: at }))
          throw new CustodiaError('PERSON_EXISTS', { reason: 'recipient' });
      },
      () => ({ at, action: 'distribution.recipient_added', subjects: { account: accountId, person: personId }, details: {} }),
      actor,
    );
    return null;
  }

  removeRecipient(actor: Actor, accountId: string, personId: string): null {
    requireAction(actor, 'distribution.edit');
    const at = this.clock().toISOString();
    this.sessions.commit(
      (db) => {
        if (!removeRecipient(db, accountId, personId)) throw new CustodiaError('DELIVERY_NOT_RECIPIENT', {}, 'POL-6');
      },
      () => ({ at, action: 'distribution.recipient_removed', subjects: { account: accountId, person: personId }, details: {} }),
      actor,
    );
    return null;
  }

  /** The checklist after a rotation: every authorized recipient and their deliveries of the current version. */
  checklist(accountId: string): DistributionView {
    const session = this.sessions.require();
    const db = this.vault.require();
    if (!accountKind(db, accountId)) throw new CustodiaError('ACCOUNT_UNKNOWN');
    const people = new Map(this.people().map((p) => [p.id, p]));
    const keyholders = keyholderRefs(db, this.s, session.keys.records);
    const version = currentVersion(db, accountId);
    const deliveries = version ? deliveriesOf(db, version.id) : [];
    return {
      current: version ? { versionN: version.n, appliedAt: version.appliedAt! } : null,
      recipients: recipientIds(db, accountId).map((personId) => ({
        person: people.get(personId)!,
        deliveries: deliveries
          .filter((d) => d.personId === personId)
          .map((d) => ({ channel: d.channel, at: d.at, recordedBy: personOf(keyholders, d.recordedBy) })),
      })),
    };
  }

  /** Records that the current password reached an authorized person through an allowed channel (POL-6). */
  recordDelivery(actor: Actor, input: { accountId: string; personId: string; channel: string }): null {
    requireAction(actor, 'distribution.record');
    const refusal = checkDeliveryChannel(input.channel);
    if (refusal) throw new CustodiaError(refusal.code, refusal.details, refusal.rule);
    const channel = input.channel as DeliveryChannel;
    const at = this.clock().toISOString();
    this.sessions.commit(
      (db) => {
        this.requireBoth(db, input.accountId, input.personId);
        if (!isRecipient(db, input.accountId, input.personId)) throw new CustodiaError('DELIVERY_NOT_RECIPIENT', {}, 'POL-6');
        const version = currentVersion(db, input.accountId);
        if (!version) throw new CustodiaError('CREDENTIAL_NONE');
        insertExposure(db, { id: randomUUID(), credentialVersionId: version.id, personId: input.personId, recordedBy: actor.keyholderId, how: channel, at });
        return version;
      },
      (version) => ({
        at,
        action: 'credential.delivered',
        subjects: { account: input.accountId, version: version.id, person: input.personId },
        details: { n: version.n, channel },
      }),
      actor,
    );
    return null;
  }

  /** Both exist, and the person is not leaving: nothing new reaches someone on their way out (HAND-3). */
  private requireBoth(db: Db, accountId: string, personId: string): void {
    assertAccountWritable(db, accountId);
    if (!personExists(db, personId)) throw new CustodiaError('PERSON_UNKNOWN');
    assertPersonActive(db, personId);
  }
}

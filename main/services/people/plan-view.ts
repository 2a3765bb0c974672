import type { DepartureItem, DeparturePlan } from '../../../shared/staff';
import type { Db } from '../../vault/db';
import { findGrant } from '../../vault/repositories/platform-roles';
import { departurePlan, type PlanItem } from './departure-plan';
import type { accountNamer } from './staff';

/** Open requests that settle a checklist's items: a revocation by grant, a rotation by account. */
export interface OpenTasks {
  revokeOf(grantId: string): string | null;
  rotationOf(accountId: string): string | null;
}

const NO_TASKS: OpenTasks = { revokeOf: () => null, rotationOf: () => null };

/** The open requests (CosignService.openRequests) that settle one person's items: their revocations by grant, rotations by account. */
export function openTasksOf(
  db: Db,
  open: readonly { id: string; kind: string; accountId: string | null; subject: string | null }[],
  personId: string,
): OpenTasks {
  const revokes = new Map<string, string>();
  const rotations = new Map<string, string>();
  for (const r of open) {
    if (r.kind === 'credential.rotate' && r.accountId) rotations.set(r.accountId, r.id);
    if (r.kind === 'role.revoke' && r.subject === personId && r.accountId) revokes.set(r.accountId, r.id);
  }
  return {
    revokeOf: (grantId) => {
      const accountId = db.prepare('SELECT account_id FROM platform_roles WHERE id = ?').pluck().get(grantId) as string | undefined;
      return (accountId && revokes.get(accountId)) ?? null;
    },
    rotationOf: (accountId) => rotations.get(accountId) ?? null,
  };
}

/** The checklist as screens read it: accounts named, roles and versions spelled out, each item open or done. */
export function planView(
  db: Db,
  names: ReturnType<typeof accountNamer>,
  who: { personId: string; keyholderId: string | null },
  leavingAt: string,
  tasks: OpenTasks = NO_TASKS,
  labels: (deviceId: string) => string = (id) => id,
): DeparturePlan {
  return { personId: who.personId, leavingAt, items: departurePlan(db, who).map((i) => ({ ...describe(db, names, i, tasks, labels), done: i.done })) };
}

function describe(db: Db, names: ReturnType<typeof accountNamer>, i: PlanItem, tasks: OpenTasks, device: (id: string) => string): DepartureItem {
  const on = i.accountId ? { accountId: i.accountId, ...names(i.accountId) } : null;
  switch (i.kind) {
    case 'revoke_role': {
      const grant = findGrant(db, i.ref);
      return { kind: i.kind, ...on!, grantId: i.ref, role: grant?.role ?? '', state: grant?.state ?? 'revoked', requestId: tasks.revokeOf(i.ref) };
    }
    case 'rotate_password': {
      const n = db.prepare('SELECT n FROM credential_versions WHERE id = ?').pluck().get(i.ref) as number | undefined;
      return { kind: i.kind, ...on!, version: n ?? 0, requestId: tasks.rotationOf(i.accountId!) };
    }
    case 'replace_recovery_codes':
      return { kind: i.kind, ...on!, setId: i.ref };
    case 'replace_seed':
      return { kind: i.kind, ...on!, version: Number(i.ref) };
    case 'remove_recipient':
      return { kind: i.kind, ...on! };
    case 'return_device':
      return { kind: i.kind, deviceId: i.ref, label: device(i.ref) };
  }
}

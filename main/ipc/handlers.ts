import type { ZodError } from 'zod';
import { CHANNELS, type Channel } from '../../shared/channels';
import { contract, type ParsedRequestOf, type ResultOf } from '../../shared/contract';
import { fail, ok, type DetailValue, type Result } from '../../shared/result';
import { hasLoneSurrogate } from '../../shared/input';
import type { Services } from '../services';
import { typedFailure } from '../services/vault/faults';

/**
 * The handler table: channel → validate (zod) → session check → one service call → Result.
 * Electron's ipcMain and the end-to-end bridge both call exactly this table.
 */
export type Handler = (payload: unknown) => Promise<Result<unknown>>;
export type HandlerTable = Readonly<Record<Channel, Handler>>;
type Implementations = { [C in Channel]: (request: ParsedRequestOf<C>) => ResultOf<C> | Promise<ResultOf<C>> };

/** Only where an error came from and its kind: never a payload, which may hold a passphrase. */
export type ErrorReporter = (channel: Channel, error: unknown) => void;

function implementations(services: Services): Implementations {
  return {
    'vault.status': () => services.setup.status(),
    'vault.create': (request) => services.setup.create(request),
    'vault.unlock': (request) => services.sessions.unlock(request.keyholderId, request.passphrase),
    'vault.lock': () => services.sessions.lock('manual'),
    'settings.language': (r) => services.language.choose(r.language),
    'vault.home': () => services.home.home(),
    'audit.verify': () => services.audit.verify(),
    'audit.findHead': (r) => services.integrity.findHead(r.head),
    'audit.list': (r) => services.auditLog.list(r),
    'audit.csv': (r) => services.auditLog.export(r.filter),
    'integrity.status': () => services.integrity.status(),
    'integrity.verify': () => services.integrity.status(true),
    'accounts.list': (r) => services.accounts.list(r.query, r.sort),
    'accounts.page': (r) => services.accounts.page(r.query, r.sort, r.offset, r.limit),
    'accounts.get': (r) => ({
      ...services.accounts.get(r.accountId),
      deadline: services.rotation.deadline(r.accountId),
      totp: services.totp.status(r.accountId),
    }),
    'accounts.register': (r) => services.lifecycle.requestAlta(services.sessions.require(), r),
    'credentials.propose': (r) => services.cosign.propose(services.sessions.require(), r),
    'credentials.reveal': (r) => services.credentials.reveal(services.sessions.require(), r.accountId, r.stage),
    'credentials.copy': (r) => services.credentials.copy(services.sessions.require(), r.accountId, r.stage),
    'credentials.history': (r) => services.credentials.history(r),
    'credentials.checkPolicy': (r) => ({ violation: services.policy.check(r.accountId, r.secret) }),
    'credentials.generate': (r) =>
      services.policy.generatedFor(services.sessions.require(), r.accountId, { length: r.length, excludeLookalikes: r.excludeLookalikes }),
    'cosign.pending': () => services.cosign.pending(),
    'cosign.approve': (r) => services.cosign.approveWithPassphrase(r.requestId, r.approverId, r.passphrase),
    'cosign.reject': (r) => services.cosign.rejectWithPassphrase(r.requestId, r.approverId, r.passphrase, r.reason),
    'cosign.requests': (r) => services.cosign.requests(r.accountId),
    'rotation.dashboard': (r) => services.rotation.dashboardPage(r),
    'rotation.confirmApplied': (r) => services.rotation.confirmApplied(services.sessions.require(), r.accountId),
    'settings.get': () => services.rotation.settings(),
    'settings.propose': (r) => services.cosign.proposeSettings(services.sessions.require(), r),
    'people.list': () => services.distribution.people(),
    'people.add': (r) => services.staff.proposeRecipient(services.sessions.require(), r),
    'distribution.get': (r) => services.distribution.checklist(r.accountId),
    'distribution.addRecipient': (r) => services.distribution.addRecipient(services.sessions.require(), r.accountId, r.personId),
    'distribution.removeRecipient': (r) => services.distribution.removeRecipient(services.sessions.require(), r.accountId, r.personId),
    'distribution.recordDelivery': (r) => services.distribution.recordDelivery(services.sessions.require(), r),
    'totp.inspect': (r) => services.totp.inspect(r.source),
    'totp.propose': (r) => services.totp.propose(services.sessions.require(), r.accountId, r.source, r.note),
    'totp.remove': (r) => services.totp.proposeRemoval(services.sessions.require(), r.accountId, r.note),
    'totp.codes': (r) => services.totp.codes(services.sessions.require(), r.accountIds),
    'totp.copy': (r) => services.totp.copyCode(services.sessions.require(), r.accountId),
    'totp.requestExport': (r) => services.totp.proposeExport(services.sessions.require(), r.accountId, r.note),
    'totp.showExport': (r) => services.totp.showExport(services.sessions.require(), r.accountId),
    'recovery.get': (r) => services.recovery.view(r.accountId),
    'recovery.store': (r) => services.recovery.store(services.sessions.require(), r.accountId, r.block),
    'recovery.replace': (r) => services.recovery.proposeReplacement(services.sessions.require(), r.accountId, r.block, r.note),
    'recovery.reveal': (r) => services.recovery.reveal(services.sessions.require(), r.codeId),
    'recovery.markUsed': (r) => services.recovery.markUsed(services.sessions.require(), r.codeId, r.reason),
    'devices.list': () => services.twoStep.devices(),
    'devices.add': (r) => services.twoStep.addDevice(services.sessions.require(), r),
    'twoStep.get': (r) => services.twoStep.status(r.accountId),
    'twoStep.update': (r) => services.twoStep.update(services.sessions.require(), r.accountId, r.twoStep),
    'staff.list': () => services.staff.list(),
    'keyholders.list': () => services.keyholders.list(),
    'keyholders.changePassphrase': (r) => services.keyholders.changePassphrase(r),
    'keyholders.proposeEnrol': (r) => services.keyholders.proposeEnrol(services.sessions.require(), r),
    'keyholders.proposeRevoke': (r) => services.keyholders.proposeRevoke(services.sessions.require(), r),
    'staff.get': (r) => services.staff.detail(r.personId),
    'staff.register': (r) => services.staff.proposeRegister(services.sessions.require(), r),
    'staff.update': (r) => services.staff.proposeUpdate(services.sessions.require(), r),
    'staff.depart': (r) => services.staff.proposeDepart(services.sessions.require(), r),
    'roles.grant': (r) => services.staff.proposeGrant(services.sessions.require(), r),
    'roles.revoke': (r) => services.staff.proposeRevoke(services.sessions.require(), r),
    'roles.confirmApplied': (r) => services.staff.confirmApplied(services.sessions.require(), r.grantId),
    'departures.list': () => services.departures.open(),
    'departures.plan': (r) => services.departures.plan(r.personId),
    'departures.proposeTasks': (r) => services.departures.proposeTasks(services.sessions.require(), r.personId),
    'handover.list': () => services.handover.list(),
    'handover.current': () => services.handover.current(),
    'handover.plan': (r) => services.handover.plan(r.handoverId),
    'handover.confirmSessions': (r) => services.handover.confirmSessions(services.sessions.require(), r.handoverId, r.accountId),
    'handover.acta': (r) => services.handover.saveActa(r.handoverId),
    'devices.return': (r) => services.departures.returnDevice(services.sessions.require(), r),
    'recovery.deliver': (r) => services.recovery.deliver(services.sessions.require(), r),
    'accounts.exposure': (r) => services.staff.exposedToCurrent(r.accountId),
    'lifecycle.get': (r) => services.lifecycle.lifecycle(r.accountId),
    'lifecycle.requestModify': (r) => services.lifecycle.requestModify(services.sessions.require(), r),
    'lifecycle.requestDecommission': (r) => services.lifecycle.requestDecommission(services.sessions.require(), r),
    'lifecycle.setVerification': (r) => services.lifecycle.setVerification(services.sessions.require(), r.accountId, r.status),
    'lifecycle.pastEnd': () => services.lifecycle.supportPastEnd(),
    'cosign.approveMany': (r) => services.cosign.approveManyWithPassphrase(r.requestIds, r.approverId, r.passphrase),
    'incidents.list': () => services.incidents.list(),
    'incidents.current': () => services.incidents.current(),
    'incidents.get': (r) => services.incidents.get(r.incidentId),
    'incidents.record': (r) => services.incidents.record(services.sessions.require(), r),
    'incidents.report': (r) => services.incidents.report(services.sessions.require(), r),
    'incidents.confirm': (r) => services.incidents.confirm(services.sessions.require(), r),
    'incidents.close': (r) => services.incidents.close(services.sessions.require(), r.incidentId),
    'incidents.recordOutsideChange': (r) => services.incidents.recordOutsideChange(services.sessions.require(), r),
    'compliance.matrix': () => services.compliance.matrix(services.sessions.require()),
    'compliance.summary': () => services.compliance.summary(services.sessions.require()),
    'reports.formulario': (r) => services.reports.saveFormulario(services.sessions.require(), r.requestId),
    'reports.monthly': (r) => services.reports.monthly(services.sessions.require(), r.month),
    'reports.signMonthly': (r) => services.reports.saveSignedMonthly(r.month, r.signerId, r.passphrase),
    'backup.create': () => services.backup.save(services.sessions.require()),
    'backup.inspect': () => services.backup.choose(),
    'backup.open': (r) => services.backup.open(r.handle, r.keyholderId, r.passphrase),
    'backup.restore': (r) => services.backup.install(r.handle),
    'backup.reminder': () => services.backupReminder.reminder(),
    'backup.proposeReplace': (r) => services.vaultReplace.propose(services.sessions.require(), r.note),
    'backup.replaceStatus': () => services.vaultReplace.status(),
    'backup.replace': (r) => services.vaultReplace.perform(services.sessions.require(), r.requestId, r.passphrase),
    'import.csvPreview': (r) => services.csvImport.preview(services.sessions.require(), r),
    'import.csvPropose': (r) => services.csvImport.propose(services.sessions.require(), r),
    'import.kdbxPreview': (r) => services.kdbxImport.preview(services.sessions.require(), r),
    'import.kdbxPropose': (r) => services.kdbxImport.propose(services.sessions.require(), r),
    'kit.status': () => services.kit.status(),
    'kit.propose': (r) => services.kit.propose(services.sessions.require(), r),
    'kit.print': (r) => services.kit.print(r.requestId),
    'kit.recover': (r) => services.kitRecovery.recover(r),
    'kit.recovery': () => services.kitRecovery.state(),
    'kit.enrol': (r) => services.kitRecovery.enrol(r),
    'kit.finish': () => services.kitRecovery.finish(),
    'kit.cancel': () => services.kitRecovery.cancel(),
    'export.propose': (r) => services.export.propose(services.sessions.require(), r.note),
    'export.status': () => services.export.status(services.sessions.require()),
    'export.kdbx': (r) => services.export.saveKdbx(services.sessions.require(), r),
    'export.inventory': () => services.export.saveInventory(services.sessions.require()),
  };
}

/** Paths and issue codes only; zod's messages and received values stay out of the reply. */
function describeIssues(error: ZodError) {
  return error.issues.slice(0, 10).map((issue) => ({ path: issue.path.map(String).join('.'), issue: issue.code }));
}

/** The first refusal as the person reads it: which field (its last named segment) and why (shared/input.ts). */
function firstReason(error: ZodError): Record<string, DetailValue> {
  const issue = error.issues[0];
  if (!issue) return { reason: 'invalid' };
  const field = [...issue.path].reverse().find((segment) => typeof segment === 'string') ?? '';
  const params = issue.code === 'custom' ? (issue.params as { reason?: unknown; max?: unknown } | undefined) : undefined;
  if (typeof params?.reason === 'string') return { field, reason: params.reason, ...(typeof params.max === 'number' ? { max: params.max } : {}) };
  if (issue.code === 'too_big' && issue.origin === 'string') return { field, reason: 'too_long', max: Number(issue.maximum) };
  if (issue.code === 'too_small' && issue.origin === 'string') return { field, reason: 'required' };
  return { field, reason: 'invalid' };
}

/** No request of the contract has more values than this; a bigger payload is refused before anything walks it. */
const MAX_PAYLOAD_VALUES = 20_000;

/**
 * The path of the first string in a payload that is not valid Unicode (a lone surrogate), whatever the schema;
 * 'too_large' for a payload with more values than any request has (a typed array counts by its length), so that
 * a hostile renderer cannot make this walk itself the cost.
 */
function loneSurrogateAt(payload: unknown): (string | number)[] | 'too_large' | undefined {
  let budget = MAX_PAYLOAD_VALUES;
  const walk = (value: unknown, path: (string | number)[], depth: number): (string | number)[] | 'too_large' | undefined => {
    if ((budget -= 1) < 0) return 'too_large';
    if (typeof value === 'string') return hasLoneSurrogate(value) ? path : undefined;
    if (depth > 8 || value === null || typeof value !== 'object') return undefined;
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return (budget -= value.byteLength) < 0 ? 'too_large' : undefined;
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      const found = walk((value as Record<string, unknown>)[key], [...path, Array.isArray(value) ? Number(key) : key], depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return walk(payload, [], 0);
}

function invalid(channel: Channel, payload: unknown): Result<never> | undefined {
  const broken = loneSurrogateAt(payload);
  if (broken === 'too_large')
    return fail({ code: 'INVALID_REQUEST', details: { channel, field: '', reason: 'too_long', max: MAX_PAYLOAD_VALUES, issues: [] } });
  if (broken) {
    const field = [...broken].reverse().find((segment) => typeof segment === 'string') ?? '';
    return fail({
      code: 'INVALID_REQUEST',
      details: { channel, field, reason: 'lone_surrogate', issues: [{ path: broken.join('.'), issue: 'lone_surrogate' }] },
    });
  }
  return undefined;
}

/** What answers while the emergency kit's recovery mode is open (docs/decisions/0009-emergency-kit.md). */
export const RECOVERY_CHANNELS: ReadonlySet<Channel> = new Set<Channel>([
  'kit.recovery',
  'kit.enrol',
  'kit.finish',
  'kit.cancel',
  'vault.status',
  'settings.language',
]);

/**
 * The first screens' reads (home, deadlines, the account list and page, the log), which judge nothing against the
 * integrity ledger: they answer at once after unlock. Every other unlocked channel (a reveal, a TOTP code, compliance,
 * a report, any write) waits for this session's verification to have found the vault whole or not
 * (IntegrityService.settled): nothing is judged, shown or signed before it, and it never runs on this thread.
 */
export const SERVED_BEFORE_VERIFICATION: ReadonlySet<Channel> = new Set<Channel>([
  'vault.home',
  'settings.get',
  'integrity.status',
  'integrity.verify',
  'audit.verify',
  'audit.list',
  'audit.findHead',
  'rotation.dashboard',
  'accounts.list',
  'accounts.page',
  'accounts.get',
  'cosign.pending',
  'cosign.requests',
  'departures.list',
  'lifecycle.pastEnd',
  'lifecycle.get',
  'backup.reminder',
  'backup.replaceStatus',
  'kit.status',
  'handover.list',
  'handover.current',
  'incidents.list',
  'incidents.current',
  'keyholders.list',
  'people.list',
  'staff.list',
  'credentials.checkPolicy',
  'credentials.generate',
]);

export function createHandlerTable(services: Services, report: ErrorReporter = () => {}): HandlerTable {
  const impl = implementations(services);
  const handle = async <C extends Channel>(channel: C, payload: unknown): Promise<Result<unknown>> => {
    // Recovery mode (issue 18, the emergency kit) answers its own channels only, whatever the payload: one gate for all.
    if (services.kitRecovery.active() && !RECOVERY_CHANNELS.has(channel)) return fail({ code: 'RECOVERY_MODE_ONLY' });
    const refused = invalid(channel, payload);
    if (refused) return refused;
    const parsed = contract[channel].request.safeParse(payload);
    if (!parsed.success) return fail({ code: 'INVALID_REQUEST', details: { channel, ...firstReason(parsed.error), issues: describeIssues(parsed.error) } });
    if (contract[channel].access === 'unlocked' && !services.sessions.current()) return fail({ code: 'VAULT_LOCKED' });
    try {
      if (contract[channel].access === 'unlocked') {
        if (SERVED_BEFORE_VERIFICATION.has(channel)) services.integrity.watch();
        else await services.integrity.settled();
      }
      return ok(await impl[channel](parsed.data as ParsedRequestOf<C>));
    } catch (error) {
      const typed = typedFailure(error);
      if (typed) return fail(typed.toAppError());
      report(channel, error);
      return fail({ code: 'INTERNAL' });
    }
  };
  return Object.freeze(Object.fromEntries(CHANNELS.map((channel) => [channel, (payload: unknown) => handle(channel, payload)]))) as HandlerTable;
}

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

/** Entry point for callers that receive the channel name as data (the e2e bridge). */
export function dispatch(table: HandlerTable, channel: unknown, payload: unknown): Promise<Result<unknown>> {
  if (!isChannel(channel)) return Promise.resolve(fail({ code: 'UNKNOWN_CHANNEL' }));
  return table[channel](payload);
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventView, AuditExport, AuditPage } from '../../../../shared/audit-log';
import type { AuditVerification } from '../../../../shared/contract';
import type { Result } from '../../../../shared/result';
import { call, tableOf } from '../../attack/helpers';
import { ACCOUNTS, KNOWN, registerAccount, registerPerson, rotateApplied, unlockedWithActors } from '../../../fixtures/vault';

/** The audit log on screen (issue 13): filters, paging, the export, each event's signature. */
let ctx: Awaited<ReturnType<typeof unlockedWithActors>>;
let now = Date.parse('2026-11-22T15:00:00Z');
let accountA = '';
let accountB = '';
let personId = '';
beforeAll(async () => {
  ctx = await unlockedWithActors({ clock: () => new Date(now) });
  const { services, admin, head } = ctx;
  accountA = registerAccount(services, admin, head, { ...ACCOUNTS.facebook, displayName: 'Cuenta A' });
  accountB = registerAccount(services, admin, head, { ...ACCOUNTS.facebook, displayName: 'Cuenta B' });
  rotateApplied(ctx, accountA);
  // 22:30 on the 22nd in Lima (UTC-5), already the 23rd in UTC.
  now = Date.parse('2026-11-23T03:30:00Z');
  personId = registerPerson(services, admin, head, { name: 'Ana Recipiente', email: `ana@${KNOWN.domain}` });
  services.distribution.addRecipient(admin, accountB, personId);
  now = Date.parse('2026-11-24T15:00:00Z');
  services.credentials.reveal(admin, accountA);
});
afterAll(() => ctx.services.close());

const db = () => ctx.services.vault.require();
const sqlCount = (where: string, ...params: unknown[]) =>
  db()
    .prepare(`SELECT count(*) FROM audit_events WHERE ${where}`)
    .pluck()
    .get(...params) as number;
const valueOf = <T>(result: Result<unknown>): T => {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
};
const list = async (request: unknown) => valueOf<AuditPage>(await call(tableOf(ctx.services), 'audit.list', request));
const actions = (events: AuditEventView[]) => events.map((e) => e.action);

describe('audit.list', () => {
  it('every event newest first, in words: who, what, which account, its hash in short and a valid signature', async () => {
    const page = await list({ limit: 500 });
    const total = sqlCount('1');
    expect(page).toMatchObject({ matched: total, total, headHash: ctx.services.home.home().audit.headHash, nextBeforeSeq: null });
    expect(page.events.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => total - i));
    expect(page.events.every((e) => e.signature === 'valid')).toBe(true);
    const applied = page.events.find((e) => e.action === 'credential.applied')!;
    const stored = db().prepare('SELECT hash FROM audit_events WHERE seq = ?').pluck().get(applied.seq) as Buffer;
    expect(applied).toMatchObject({
      actor: { keyholderId: ctx.admin.keyholderId, name: KNOWN.administrator, role: 'administrator' },
      accountId: accountA,
      accountName: 'Cuenta A',
      hashShort: stored.toString('hex').slice(0, 12),
      facts: { n: 1 },
    });
    expect(applied.hashShort).toMatch(/^[0-9a-f]{12}$/);
    // Row digests, the roster and keys are the verification's, not the screen's.
    expect(page.events.some((e) => 'rows' in e.facts || 'roster' in e.facts)).toBe(false);
    expect(page.events.find((e) => e.action === 'credential.rotate.approved')).toMatchObject({
      actor: { role: 'head' },
      accountName: 'Cuenta A',
      requestId: expect.any(String),
    });
  });

  it('filters by kind: a whole group of actions, or one action', async () => {
    const credential = await list({ filter: { actions: ['credential'] }, limit: 500 });
    expect(credential.matched).toBe(sqlCount("action LIKE 'credential.%'"));
    expect(credential.events.every((e) => e.action.startsWith('credential.'))).toBe(true);
    expect(actions(credential.events)).toEqual(['credential.revealed', 'credential.applied', 'credential.rotate.approved', 'credential.rotate.proposed']);
    const rotate = await list({ filter: { actions: ['credential.rotate'] }, limit: 500 });
    expect(actions(rotate.events)).toEqual(['credential.rotate.approved', 'credential.rotate.proposed']);
    const both = await list({ filter: { actions: ['account.create.approved', 'person.register'] }, limit: 500 });
    expect(actions(both.events)).toEqual(['person.register.approved', 'person.register.proposed', 'account.create.approved', 'account.create.approved']);
  });

  it('filters by the keyholder who signed', async () => {
    const head = await list({ filter: { keyholderId: ctx.head.keyholderId }, limit: 500 });
    expect(head.matched).toBe(sqlCount('actor_id = ?', ctx.head.keyholderId));
    expect(head.events.length).toBeGreaterThan(0);
    expect(head.events.every((e) => e.actor?.keyholderId === ctx.head.keyholderId)).toBe(true);
    expect(actions(head.events)).toContain('credential.rotate.approved');
  });

  it('filters by account: every event whose subjects name it, whatever the action', async () => {
    const a = await list({ filter: { accountId: accountA }, limit: 500 });
    expect(a.matched).toBe(sqlCount("json_extract(subjects, '$.account') = ?", accountA));
    expect(a.events.every((e) => e.accountId === accountA && e.accountName === 'Cuenta A')).toBe(true);
    expect(actions(a.events)).toEqual([
      'credential.revealed',
      'credential.applied',
      'credential.rotate.approved',
      'credential.rotate.proposed',
      'account.create.approved',
      'account.create.proposed',
    ]);
    const b = await list({ filter: { accountId: accountB }, limit: 500 });
    expect(actions(b.events)).toEqual(['distribution.recipient_added', 'account.create.approved', 'account.create.proposed']);
  });

  it('filters by the person an event is about, named', async () => {
    const person = await list({ filter: { personId }, limit: 500 });
    expect(actions(person.events)).toEqual(['distribution.recipient_added', 'person.register.approved', 'person.register.proposed']);
    expect(person.events.every((e) => e.personId === personId && e.personName === 'Ana Recipiente')).toBe(true);
  });

  it('filters by calendar days in the institution’s time zone, both ends inclusive', async () => {
    const day = await list({ filter: { from: '2026-11-22', to: '2026-11-22' }, limit: 500 });
    expect(actions(day.events)).toContain('person.register.approved');
    expect(actions(day.events)).not.toContain('credential.revealed');
    expect(day.events.every((e) => e.at >= '2026-11-22T05:00:00.000Z' && e.at < '2026-11-23T05:00:00.000Z')).toBe(true);
    expect(day.matched).toBe(sqlCount("at >= '2026-11-22T05:00:00.000Z' AND at < '2026-11-23T05:00:00.000Z'"));
    const later = await list({ filter: { from: '2026-11-23' }, limit: 500 });
    expect(actions(later.events)).toEqual(['credential.revealed']);
    const combined = await list({ filter: { accountId: accountA, actions: ['credential'], from: '2026-11-22', to: '2026-11-22' }, limit: 500 });
    expect(actions(combined.events)).toEqual(['credential.applied', 'credential.rotate.approved', 'credential.rotate.proposed']);
  });

  it('pages backwards from a sequence number until the first event', async () => {
    const whole = await list({ limit: 500 });
    const seen: number[] = [];
    let beforeSeq: number | null | undefined;
    do {
      const page = await list({ limit: 2, ...(beforeSeq ? { beforeSeq } : {}) });
      expect(page.events.length).toBeLessThanOrEqual(2);
      expect(page.matched).toBe(whole.matched);
      seen.push(...page.events.map((e) => e.seq));
      beforeSeq = page.nextBeforeSeq;
    } while (beforeSeq !== null);
    expect(seen).toEqual(whole.events.map((e) => e.seq));
    const filtered = await list({ filter: { accountId: accountA }, limit: 2 });
    const rest = await list({ filter: { accountId: accountA }, beforeSeq: filtered.nextBeforeSeq!, limit: 500 });
    expect([...filtered.events, ...rest.events].map((e) => e.action)).toEqual(actions((await list({ filter: { accountId: accountA }, limit: 500 })).events));
  });

  it('refuses hostile requests as a typed INVALID_REQUEST', async () => {
    const hostile: unknown[] = [
      { limit: 501 },
      { limit: 0 },
      { limit: 1.5 },
      { limit: 1e9 },
      { beforeSeq: -1 },
      { beforeSeq: 0 },
      { beforeSeq: Number.MAX_SAFE_INTEGER + 2 },
      { beforeSeq: '10' },
      { filter: { from: '2026-02-30' } },
      { filter: { to: '26-11-22' } },
      { filter: { from: '2026-11-23', to: '2026-11-22' } },
      { filter: { actions: ['nope'] } },
      { filter: { actions: ['credential.'] } },
      { filter: { actions: ["credential' OR 1=1 --"] } },
      { filter: { actions: Array.from({ length: 1_000 }, () => 'credential') } },
      { filter: { accountId: 'x' } },
      { filter: { keyholderId: 42 } },
      { filter: { other: true } },
      { surplus: 1 },
    ];
    const answers = [];
    for (const payload of hostile) {
      const result = await call(tableOf(ctx.services), 'audit.list', payload);
      answers.push([JSON.stringify(payload).slice(0, 60), result.ok ? 'ok' : result.error.code]);
    }
    expect(answers).toEqual(answers.map(([payload]) => [payload, 'INVALID_REQUEST']));
    const csv = await call(tableOf(ctx.services), 'audit.csv', { filter: { to: '2026-13-01' } });
    expect(csv.ok ? 'ok' : csv.error.code).toBe('INVALID_REQUEST');
  });
});

describe('audit.csv', () => {
  it('returns every matching event, newest first, and a file name with the institution and the day in its zone', async () => {
    const exported = valueOf<AuditExport>(await call(tableOf(ctx.services), 'audit.csv', { filter: { accountId: accountA } }));
    const listed = await list({ filter: { accountId: accountA }, limit: 500 });
    expect(exported).toEqual({ fileName: 'audit-oczqx-2026-11-24.csv', rows: listed.events, matched: listed.matched, truncated: false });
  });
});

describe('a tampered event', () => {
  it('is listed and marked invalid, never hidden; the others stay valid and the verification names the first bad one', async () => {
    const before = await list({ limit: 500 });
    const applied = before.events.find((e) => e.action === 'credential.applied')!.seq;
    const revealed = before.events.find((e) => e.action === 'credential.revealed')!.seq;
    const registered = before.events.find((e) => e.action === 'person.register.approved')!.seq;
    // As someone with sqlite3 and no keys would (its foreign keys off, as the shell's are): the append-only trigger dropped, rows edited in place.
    db().pragma('foreign_keys = OFF');
    db().exec(`DROP TRIGGER audit_events_no_update;
      UPDATE audit_events SET details = replace(details, '"n":1', '"n":2') WHERE seq = ${applied};
      UPDATE audit_events SET signature = zeroblob(64) WHERE seq = ${revealed};
      UPDATE audit_events SET actor_id = '00000000-0000-4000-8000-000000000000' WHERE seq = ${registered};
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;`);
    db().pragma('foreign_keys = ON');
    const after = await list({ limit: 500 });
    const invalid = after.events.filter((e) => e.signature === 'invalid');
    expect(invalid.map((e) => e.seq)).toEqual([revealed, registered, applied].sort((x, y) => y - x));
    expect(after.events.find((e) => e.seq === applied)?.facts).toMatchObject({ n: 2 });
    expect(after.events.find((e) => e.seq === registered)?.actor).toBeNull();
    expect(after.events.length).toBe(before.events.length);
    const verification = valueOf<AuditVerification>(await call(tableOf(ctx.services), 'audit.verify', {}));
    expect(verification.ok).toBe(false);
    if (!verification.ok) expect(verification.firstBad.seq).toBe(Math.min(applied, revealed, registered));
  });
});

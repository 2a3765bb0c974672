import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvPreviewRequest, csvProposeRequest, type ImportProblem, type ImportRowView } from '../../../../shared/import';
import { kdbxPreviewRequest } from '../../../../shared/kdbx-import';
import { createPolicyDictionary, vaultWords } from '../../../../main/domain/password-policy';
import { judgeWordsAndNames } from '../../../../main/domain/policy/verdict';
import { CsvImportService } from '../../../../main/services/import/csv-import';
import { KdbxImportService } from '../../../../main/services/import/kdbx-import';
import { spawnStrengthWorker, StrengthPool, type StrengthPoolOptions } from '../../../../main/services/import/strength-pool';
import { kdbxweb } from '../../../../main/vault/kdbx';
import { KNOWN } from '../../../fixtures/vault';
import { importContext, strongSecret, VAULT_SECRET, type ImportContext } from './import.context';

/**
 * An import judges POL-1/2 of its passwords in worker threads, this thread taking chunks too
 * (main/services/import/strength-pool.ts). Whatever ran them, each row's verdict is the one the
 * single-password check gives (`policy.check`, then POL-2 against the file's own names): the same
 * rule, reason and order, the same «rotar ya» and refusals — with workers, without, and when a
 * worker cannot start or dies.
 */
let ctx: ImportContext;
const shared = strongSecret();
const ROWS: [name: string, secret: string][] = [
  ['Cuenta Fuerte Uno', strongSecret()],
  ['Cuenta Corta', 'corta1A#'],
  ['Cuenta Clases', 'sinmayusculas#12345678'],
  ['Cuenta Palabras', 'Projimo@Unificacion90?'],
  ['Cuenta Leet', 'Em4nc1p4c10n#3143@'],
  ['Cuenta Institución', 'Zafiroquinta#Qx82&Lm'],
  ['Cuenta Andina', 'N4up4r1@Qx82&Lm9w%T'],
  ['Cuenta Jefatura', 'Quispecahua!82&Lm9wT'],
  ['Cuenta Quvex', 'Quvex#8812&Qx%Lm9w'],
  ['Página Yuwa', 'qx8#QUVEX&Lm2%Vd6*'],
  ['Cuenta Repetida', 'Aa1!Aa1!Aa1!Aa1!Aa1!'],
  ['Cuenta Año', 'Qx8#Lm2&Vd6%Rk9*1987'],
  ['Cuenta Larga', `Aa1!${'x'.repeat(130)}`],
  ['Cuenta Reusada', VAULT_SECRET],
  ['Cuenta Compartida', shared],
  ['Cuenta Compartida Otra', shared],
  ['Cuenta Palabras Otra', 'Projimo@Unificacion90?'],
  ['Cuenta Fuerte Dos', strongSecret()],
  ['Cuenta Fuerte Tres', strongSecret()],
];
const login = (i: number) => `redes${i + 1}@${KNOWN.domain}`;
const csv = {
  text: ['Plataforma;Nombre;Usuario de acceso;Contraseña', ...ROWS.map(([name, secret], i) => `Facebook;${name};${login(i)};${secret}`)].join('\n'),
  delimiter: 'auto',
  hasHeader: true,
  mapping: ['platform', 'displayName', 'loginIdentifier', 'password'].map((field, column) => ({ column, field })),
} as const;

/** Each row's password problems as the single-password check gives them, in the order the import states them. */
function expectedProblems(): ImportProblem[][] {
  const lexicon = ctx.services.policy.rules().dictionary.lexicon;
  const fileNames = createPolicyDictionary(vaultWords(ROWS.flatMap(([name], i) => [name, login(i).split('@')[0]])), lexicon).vault;
  const firstRow = new Map<string, number>();
  const out: ImportProblem[][] = ROWS.map(() => []);
  ROWS.forEach(([, secret], i) => {
    const first = firstRow.get(secret);
    if (first !== undefined) {
      out[i]!.push({ field: 'password', reason: 'duplicate_in_file', rule: 'POL-3', details: { firstRow: first + 2 } });
      if (!out[first]!.some((p) => p.reason === 'shared_password'))
        out[first]!.push({ field: 'password', reason: 'shared_password', rule: 'POL-3', details: { row: i + 2 } });
      return;
    }
    firstRow.set(secret, i);
    const violation = ctx.services.policy.check(randomUUID(), secret);
    if (violation?.rule === 'POL-3') out[i]!.push({ field: 'password', reason: 'duplicate_in_vault', rule: 'POL-3', details: {} });
    else if (violation)
      out[i]!.push({ field: 'password', reason: 'password_policy', rule: violation.rule!, details: { reason: String(violation.details!.reason) } });
    else {
      const own = judgeWordsAndNames(secret, fileNames, lexicon);
      if (own) out[i]!.push({ field: 'password', reason: 'password_policy', rule: 'POL-2', details: { reason: own.reason } });
    }
  });
  return out;
}

const verdictFor = (problems: ImportProblem[]) =>
  problems.length === 0 ? 'ok' : problems.some((p) => p.reason.startsWith('duplicate_')) ? 'refused' : 'rotate_now';

function expectSameVerdicts(rows: readonly ImportRowView[]) {
  const expected = expectedProblems();
  expect(rows).toHaveLength(ROWS.length);
  rows.forEach((row, i) => {
    expect(row.problems, `row ${row.row}: ${ROWS[i]![0]}`).toEqual(expected[i]);
    expect(row.verdict, `row ${row.row}: ${ROWS[i]![0]}`).toBe(verdictFor(expected[i]!));
  });
}

/** The real worker, counting the workers started and the chunks they answer. */
function countingSpawn() {
  const counter = { started: 0, chunks: 0 };
  const spawn: StrengthPoolOptions['spawn'] = (data) => {
    const worker = spawnStrengthWorker(data);
    counter.started++;
    worker.on('message', () => counter.chunks++);
    return worker;
  };
  return { counter, spawn };
}

const csvService = (pool: StrengthPoolOptions) => {
  const s = ctx.services;
  return new CsvImportService(s.sodium, s.vault, s.sessions, s.cosign, s.policy, s.accounts, new StrengthPool(pool));
};

beforeAll(async () => {
  ctx = await importContext();
}, 60_000);
afterAll(() => ctx.services.close());

describe('the fixture', () => {
  it('holds every kind of verdict: strong, POL-1, words, names (vault, lists, the file), guessable, year, too long, reused, shared', () => {
    const reasons = expectedProblems().flatMap((p) => p.map((x) => `${x.rule} ${x.reason === 'password_policy' ? x.details.reason : x.reason}`));
    for (const kind of [
      'POL-1 length',
      'POL-1 classes',
      'POL-1 too_long',
      'POL-2 word',
      'POL-2 name',
      'POL-2 guessable',
      'POL-2 year',
      'POL-3 duplicate_in_vault',
      'POL-3 shared_password',
      'POL-3 duplicate_in_file',
    ])
      expect(reasons).toContain(kind);
    // «Quvex» is a name of the file only: the vault's check accepts it, the file's names refuse it.
    expect(ctx.services.policy.check(randomUUID(), 'Quvex#8812&Qx%Lm9w')).toBeNull();
    expect(expectedProblems()[8]).toEqual([expect.objectContaining({ rule: 'POL-2', details: { reason: 'name' } })]);
    expect(expectedProblems().filter((p) => p.length === 0)).toHaveLength(3);
  });
});

describe('a spreadsheet preview gives the single-password check’s verdicts', () => {
  it('judged on this thread alone (a small file)', async () => {
    expectSameVerdicts((await ctx.services.csvImport.preview(ctx.admin, csvPreviewRequest.parse(csv))).rows);
  });

  it('judged by a worker thread, kept for the next preview', async () => {
    const { counter, spawn } = countingSpawn();
    const service = csvService({ inThreadBelow: 1, threads: 1, spawn });
    expectSameVerdicts((await service.preview(ctx.admin, csvPreviewRequest.parse(csv))).rows);
    expect(counter.chunks).toBe(1);
    expectSameVerdicts((await service.preview(ctx.admin, csvPreviewRequest.parse(csv))).rows);
    expect(counter).toEqual({ started: 1, chunks: 2 });
  });

  it('when no worker can start', async () => {
    const spawn = () => {
      throw new Error('no worker here');
    };
    expectSameVerdicts((await csvService({ inThreadBelow: 1, threads: 2, spawn }).preview(ctx.admin, csvPreviewRequest.parse(csv))).rows);
  });

  it('when a worker dies holding a chunk', async () => {
    const spawn = () => new Worker('process.exit(3)', { eval: true });
    expectSameVerdicts((await csvService({ inThreadBelow: 1, threads: 2, spawn }).preview(ctx.admin, csvPreviewRequest.parse(csv))).rows);
  });
});

describe('a KeePass preview gives the same verdicts', () => {
  const pass = 'prueba-de-veredictos-kdbx';
  let file: string;
  beforeAll(async () => {
    const db = kdbxweb.Kdbx.create(new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString(pass)), 'Oficina');
    db.setKdf(kdbxweb.Consts.KdfId.Argon2id);
    db.header.kdfParameters!.set('M', kdbxweb.VarDictionary.ValueType.UInt64, kdbxweb.Int64.from(64 * 1024));
    db.header.kdfParameters!.set('I', kdbxweb.VarDictionary.ValueType.UInt64, kdbxweb.Int64.from(1));
    ROWS.forEach(([name, secret], i) => {
      const entry = db.createEntry(db.getDefaultGroup());
      entry.fields.set('Title', name);
      entry.fields.set('UserName', login(i));
      entry.fields.set('URL', `https://facebook.com/cuenta${i + 1}`);
      entry.fields.set('Password', kdbxweb.ProtectedValue.fromString(secret));
    });
    file = Buffer.from(await db.save()).toString('base64');
  });
  const kdbxRows = async (pool: StrengthPoolOptions) => {
    const s = ctx.services;
    const service = new KdbxImportService(s.sodium, s.vault, s.sessions, s.cosign, s.policy, s.accounts, new StrengthPool(pool));
    const preview = await service.preview(ctx.admin, kdbxPreviewRequest.parse({ file, passphrase: pass }));
    // Entries are numbered from 1, spreadsheet rows from 2 (after the header): the expectations speak of rows.
    return preview.rows.map((r) => ({
      ...r,
      problems: r.problems.map((p) => ({
        ...p,
        details: Object.fromEntries(Object.entries(p.details).map(([k, v]) => [k, typeof v === 'number' ? v + 1 : v])),
      })),
    }));
  };

  it('its entries judged by a worker thread started before the file is read', async () => {
    const { counter, spawn } = countingSpawn();
    expectSameVerdicts(await kdbxRows({ inThreadBelow: 1, threads: 1, spawn }));
    expect(counter.chunks).toBeGreaterThan(0);
  });

  it('when the workers fail while the file is read (nothing thrown at the process)', async () => {
    const spawn = () => new Worker('throw new Error("arranque fallido")', { eval: true });
    expectSameVerdicts(await kdbxRows({ inThreadBelow: 1, threads: 2, spawn }));
  });
});

describe('a lock while the passwords are judged', () => {
  it('refuses the proposal (VAULT_LOCKED) and proposes nothing', async () => {
    const many = {
      ...csv,
      text: [
        'Plataforma;Nombre;Usuario de acceso;Contraseña',
        ...Array.from({ length: 200 }, (_, i) => `Facebook;Cuenta ${i + 1};${login(i)};${strongSecret()}`),
      ].join('\n'),
      note: 'Inventario',
    };
    const proposal = csvService({ threads: 1 }).propose(ctx.admin, csvProposeRequest.parse(many));
    // The judging yields to the event loop; the lock lands meanwhile.
    await new Promise((resolve) => setImmediate(resolve));
    ctx.services.sessions.lock('manual');
    await expect(proposal).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    await ctx.services.sessions.unlock(ctx.admin.keyholderId, KNOWN.adminPass);
    expect(ctx.services.cosign.pending().filter((p) => p.description?.kind === 'inventory.import')).toEqual([]);
  });
});

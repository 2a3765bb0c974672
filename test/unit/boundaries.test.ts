import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The dependency direction of design.md §3 holds because lint refuses what breaks it. For each
 * boundary, a file with a forbidden import is planted in the folder it guards (under a name of its
 * own, removed whatever happens) and linted with the project's configuration: the boundary's rule
 * must fire with its message. Linted again with that boundary's block taken out of the
 * configuration, the same file must pass, so that each check is shown able to fail.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));

interface Plant {
  /** What the boundary forbids, in words. */
  what: string;
  /** The block of eslint.config.js that refuses it (`custodia/boundaries/<block>`). */
  block: string;
  folder: string;
  source: string;
  rule: 'no-restricted-imports' | 'no-restricted-syntax';
  message: string;
}

const ELECTRON = 'Only main/app and main/preload may import electron.';
const DOMAIN = 'main/domain is pure';
const PLANTS: Plant[] = [
  {
    what: 'Electron outside the shell (main/workers)',
    block: 'main',
    folder: 'main/workers',
    source: "import * as probe from 'electron';",
    rule: 'no-restricted-imports',
    message: ELECTRON,
  },
  {
    what: "'electron/main' in services",
    block: 'services',
    folder: 'main/services',
    source: "import * as probe from 'electron/main';",
    rule: 'no-restricted-imports',
    message: ELECTRON,
  },
  {
    what: 'Electron in the vault, through import()',
    block: 'vault',
    folder: 'main/vault',
    source: "export const probe = () => import('electron');",
    rule: 'no-restricted-syntax',
    message: ELECTRON,
  },
  {
    what: "a bare 'fs' in domain",
    block: 'domain',
    folder: 'main/domain',
    source: "import * as probe from 'fs';",
    rule: 'no-restricted-imports',
    message: DOMAIN,
  },
  {
    what: "'node:path' in domain",
    block: 'domain',
    folder: 'main/domain',
    source: "import * as probe from 'node:path';",
    rule: 'no-restricted-imports',
    message: DOMAIN,
  },
  {
    what: 'SQLite in domain',
    block: 'domain',
    folder: 'main/domain',
    source: "import * as probe from 'better-sqlite3';",
    rule: 'no-restricted-imports',
    message: DOMAIN,
  },
  {
    what: 'the vault from domain',
    block: 'domain',
    folder: 'main/domain',
    source: "import * as probe from '../vault/db';",
    rule: 'no-restricted-imports',
    message: DOMAIN,
  },
  {
    what: 'the services index from the vault',
    block: 'vault',
    folder: 'main/vault',
    source: "import * as probe from '../services';",
    rule: 'no-restricted-imports',
    message: 'main/vault never imports services',
  },
  {
    what: 'a service from the vault, through import()',
    block: 'vault',
    folder: 'main/vault',
    source: "export const probe = () => import('../services/accounts');",
    rule: 'no-restricted-syntax',
    message: 'main/vault never imports services',
  },
  {
    what: 'a dynamic import() of a computed name',
    block: 'vault',
    folder: 'main/vault',
    source: 'export const probe = (name: string) => import(`../${name}`);',
    rule: 'no-restricted-syntax',
    message: 'A dynamic import() names its module as a literal',
  },
  {
    what: 'the vault from ipc',
    block: 'ipc',
    folder: 'main/ipc',
    source: "import * as probe from '../vault/db';",
    rule: 'no-restricted-imports',
    message: 'IPC calls services',
  },
  {
    what: 'the shell from services',
    block: 'services',
    folder: 'main/services',
    source: "import * as probe from '../app/window';",
    rule: 'no-restricted-imports',
    message: 'Services do not depend on IPC, the shell or the renderer.',
  },
  {
    what: 'the renderer from services',
    block: 'services',
    folder: 'main/services',
    source: "import * as probe from '../../renderer/src/i18n';",
    rule: 'no-restricted-imports',
    message: 'Services do not depend on IPC, the shell or the renderer.',
  },
  {
    what: 'main from shared',
    block: 'shared',
    folder: 'shared',
    source: "import * as probe from '../main/domain/errors';",
    rule: 'no-restricted-imports',
    message: 'shared/ imports neither',
  },
  {
    what: "a bare 'path' in shared",
    block: 'shared',
    folder: 'shared',
    source: "import * as probe from 'path';",
    rule: 'no-restricted-imports',
    message: 'shared/ imports neither',
  },
  {
    what: 'main from the renderer',
    block: 'renderer',
    folder: 'renderer/src',
    source: "import * as probe from '../../main/domain/errors';",
    rule: 'no-restricted-imports',
    message: 'The renderer imports only shared/',
  },
  {
    what: 'node from the renderer',
    block: 'renderer',
    folder: 'renderer/src',
    source: "import * as probe from 'node:fs';",
    rule: 'no-restricted-imports',
    message: 'The renderer imports only shared/',
  },
];

let config: Linter.Config[];
let project: ESLint;

beforeAll(async () => {
  ({ default: config } = (await import(pathToFileURL(join(root, 'eslint.config.js')).href)) as { default: Linter.Config[] });
  project = new ESLint({ cwd: root });
});

/** Lints a file planted in `folder` for the duration of `lint`, under a name no other file has. */
async function planted<T>(plant: Plant, lint: (path: string) => Promise<T>): Promise<T> {
  const path = join(root, plant.folder, `__boundary-probe-${process.pid}-${randomBytes(6).toString('hex')}.ts`);
  const exported = plant.source.startsWith('import') ? '\nexport { probe };\n' : '\n';
  writeFileSync(path, `${plant.source}${exported}`, { flag: 'wx' });
  try {
    return await lint(path);
  } finally {
    rmSync(path, { force: true });
  }
}

const messages = async (eslint: ESLint, path: string) => (await eslint.lintFiles([path]))[0]!.messages;

describe('import boundaries (eslint.config.js)', () => {
  it('has a named block for every boundary this test plants against', () => {
    const names = config.map((c) => c.name).filter((name) => name?.startsWith('custodia/boundaries/'));
    expect(new Set(PLANTS.map((p) => `custodia/boundaries/${p.block}`))).toEqual(new Set(names));
  });

  it.each(PLANTS)('refuses $what, and lets it pass once its block is removed', async (plant) => {
    const without = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config.filter((c) => c.name !== `custodia/boundaries/${plant.block}`) });
    const [found, foundWithout] = await planted(plant, async (path) => [await messages(project, path), await messages(without, path)]);
    expect(found.filter((m) => m.ruleId === plant.rule).map((m) => m.message)).toEqual([expect.stringContaining(plant.message)]);
    expect(foundWithout.filter((m) => m.ruleId === plant.rule)).toEqual([]);
  });

  it('lets the allowed direction through: ipc → services, vault → domain, the shell → electron', async () => {
    const allowed = [
      { folder: 'main/ipc', source: "import * as probe from '../services/faults';" },
      { folder: 'main/vault', source: "import * as probe from '../domain/errors';" },
      { folder: 'main/app', source: "import * as probe from 'electron';" },
    ];
    for (const a of allowed) {
      const found = await planted({ ...a, what: '', block: '', rule: 'no-restricted-imports', message: '' }, (path) => messages(project, path));
      expect(found.filter((m) => m.ruleId?.startsWith('no-restricted'))).toEqual([]);
    }
  });
});

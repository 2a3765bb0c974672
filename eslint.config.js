import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * Dependency direction (design.md §3) is enforced here: only main/app and main/preload touch
 * electron; domain depends on shared only; vault never reaches up into services; ipc reaches
 * services, never vault; shared imports neither main nor node; renderer sees shared and itself.
 * Specifiers are matched as regular expressions, so that a bare builtin ('fs'), a subpath
 * ('electron/main') and a folder's index ('../services') are caught like any file under them, and
 * the same patterns refuse a dynamic import() of them. test/unit/boundaries.test.ts plants a
 * forbidden import for every block and proves the block refuses it (and that without it, nothing does).
 */
const ELECTRON = { regex: '^electron(?:/.*)?$', message: 'Only main/app and main/preload may import electron.' };
const nodeBuiltin = (message) => ({ regex: `^(?:node:.+|(?:${builtinModules.filter((m) => !m.startsWith('_')).join('|')})(?:/.*)?)$`, message });
// A folder of main/ as reached from another one ('../vault/db', '../../services'); a feature folder of the same name deeper down ('../services/vault/session') is not it.
const folder = (names, message) => ({ regex: `(?:^|\\.\\./)(?:${names.join('|')})(?:/|$)`, message });
const MAIN = '(?:^|/)main/';
const noMathRandom = { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'Use libsodium or node:crypto randomness.' };

/** One boundary: what `files` may not import, statically or through import(). Named, so a test can take it out. */
const boundary = (name, files, forbidden, ignores) => ({
  name: `custodia/boundaries/${name}`,
  files,
  ...(ignores ? { ignores } : {}),
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden }],
    'no-restricted-syntax': [
      'error',
      noMathRandom,
      ...forbidden.map(({ regex, message }) => ({ selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\/')}/]`, message })),
      {
        selector: "ImportExpression:not([source.type='Literal'])",
        message: 'A dynamic import() names its module as a literal, so that the boundaries can be checked.',
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'test-artifacts/**', 'node_modules/**', '.electron-native/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // The renderer's React: the rules of hooks with the React Compiler's checks, and the accessibility of its JSX.
  { ...reactHooks.configs.flat.recommended, name: 'custodia/react-hooks', files: ['renderer/**/*.{ts,tsx}'] },
  { ...jsxA11y.flatConfigs.recommended, name: 'custodia/jsx-a11y', files: ['renderer/**/*.{ts,tsx}'] },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
      'no-restricted-syntax': ['error', noMathRandom],
    },
  },
  // The rest of main (workers, and any folder still to come); each folder below has its own block.
  boundary('main', ['main/**/*.ts'], [ELECTRON], ['main/{app,preload,domain,vault,services,ipc}/**']),
  boundary(
    'domain',
    ['main/domain/**/*.ts'],
    [
      ELECTRON,
      nodeBuiltin('main/domain is pure: no node builtins, no I/O.'),
      { regex: '^better-sqlite3$', message: 'main/domain is pure: no I/O.' },
      folder(['vault', 'services', 'ipc', 'app', 'preload', 'workers', 'renderer'], 'main/domain is pure: it imports only shared/.'),
    ],
  ),
  boundary(
    'vault',
    ['main/vault/**/*.ts'],
    [ELECTRON, folder(['services', 'ipc', 'app', 'preload', 'renderer'], 'main/vault never imports services, ipc, app or renderer.')],
  ),
  boundary(
    'services',
    ['main/services/**/*.ts'],
    [ELECTRON, folder(['ipc', 'app', 'preload', 'renderer'], 'Services do not depend on IPC, the shell or the renderer.')],
  ),
  boundary(
    'ipc',
    ['main/ipc/**/*.ts'],
    [ELECTRON, folder(['vault', 'app', 'preload', 'renderer'], 'IPC calls services: it reaches neither the vault, the shell nor the renderer.')],
  ),
  boundary(
    'shared',
    ['shared/**/*.ts'],
    [
      ELECTRON,
      nodeBuiltin('shared/ imports neither main, renderer, electron nor node.'),
      { regex: MAIN, message: 'shared/ imports neither main, renderer, electron nor node.' },
      folder(['renderer'], 'shared/ imports neither main, renderer, electron nor node.'),
    ],
  ),
  boundary(
    'renderer',
    ['renderer/src/**/*.{ts,tsx}'],
    [
      ELECTRON,
      nodeBuiltin('The renderer imports only shared/ and its own files.'),
      { regex: MAIN, message: 'The renderer imports only shared/ and its own files.' },
      folder(['test'], 'The renderer imports only shared/ and its own files.'),
    ],
  ),
);

import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Dependency direction (design.md §3) is enforced here: only main/app and main/preload touch
 * electron; domain depends on shared only; vault never reaches up into services; renderer sees
 * shared and itself.
 */
const electron = { name: 'electron', message: 'Only main/app and main/preload may import electron.' };
const up = (what, message) => ({ group: what, message });

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'test-artifacts/**', 'node_modules/**', '.electron-native/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'Use libsodium or node:crypto randomness.' }],
    },
  },
  {
    files: ['main/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electron], patterns: [up(['**/vault/**', '**/services/**', '**/ipc/**', '**/app/**', '**/renderer/**', 'node:*'], 'main/domain is pure: it imports only shared/.')] }],
    },
  },
  {
    files: ['main/vault/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electron], patterns: [up(['**/services/**', '**/ipc/**', '**/app/**', '**/renderer/**'], 'main/vault never imports services, ipc, app or renderer.')] }],
    },
  },
  {
    files: ['main/services/**/*.ts', 'main/ipc/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electron], patterns: [up(['**/app/**', '**/renderer/**'], 'Services and IPC do not depend on the shell or the renderer.')] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electron], patterns: [up(['**/main/**', '**/renderer/**', 'node:*'], 'shared/ imports neither main, renderer, electron nor node.')] }],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electron], patterns: [up(['**/main/**', '**/test/**', 'node:*'], 'The renderer imports only shared/ and its own files.')] }],
    },
  },
);

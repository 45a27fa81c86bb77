// Lint, and the architecture's import rules: which layer may import what is checked here, not
// remembered. See design.md, "Folders and what they may import".
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const noNode = { group: nodeBuiltins, message: 'This layer runs without Node: no Node built-ins.' };
const noElectron = { group: ['electron'], message: "Only electron/main and electron/preload import 'electron'." };
const noElectronFolder = { group: ['**/electron/**', '../electron/*', '../../electron/*'], message: 'The renderer reaches main only through its platform/ channel.' };
const noRendererFolder = { group: ['**/renderer/**'], message: 'Nothing outside renderer/ imports the window’s code.' };
const noDomLibs = { group: ['react', 'react-dom', 'react-dom/*', '@lexical/react/*'], message: 'shared/ is DOM-free: no React.' };
const noDeclarationFromModel = {
  group: ['../declaration/*', '../declaration', '../../declaration/*'],
  message: 'shared/model is the vocabulary shared/declaration builds on: it never imports shared/declaration.',
};
const noLexicalYjs = {
  group: ['@lexical/yjs', '@lexical/react/LexicalCollaborationPlugin', '@lexical/react/LexicalCollaborationContext'],
  message: "A declaration is bound to its Yjs model by Accord's own binding (shared/declaration/binding): Lexical's tree encoding loses words in merges.",
};

// Inside electron/, layers from the bottom up: storage (SQLite, replicas, logging) → sync (the
// y-protocols sessions and the app's hub links) → hub and services (services reach the hub only
// through LAN hosting) → api (a window's connection) → the entry points (main, preload, host,
// the CLIs). A folder imports only those below it.
const electronFolders = (...names) => ({
  group: names.flatMap((name) => [`../${name}/*`, `../../${name}/*`]),
  message: 'Inside electron/, a layer imports only the layers below it (eslint.config.mjs, design.md "Folders").',
});
const electronBelow = {
  storage: electronFolders('sync', 'services', 'hub', 'api', 'host', 'main', 'preload', 'export'),
  sync: electronFolders('services', 'hub', 'api', 'host', 'main', 'preload', 'export'),
  hub: electronFolders('services', 'api', 'host', 'main', 'preload', 'export'),
  services: electronFolders('hub', 'api', 'host', 'main', 'preload', 'export'),
  lanHosting: electronFolders('api', 'host', 'main', 'preload', 'export'),
  api: electronFolders('hub', 'host', 'main', 'preload', 'export'),
  host: electronFolders('main', 'preload'),
  preload: electronFolders('main', 'host', 'api', 'services', 'sync', 'storage', 'hub'),
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noNode, noElectron, noElectronFolder, noRendererFolder, noDomLibs, noLexicalYjs] }],
    },
  },
  {
    files: ['shared/model/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noNode, noElectron, noElectronFolder, noRendererFolder, noDomLibs, noLexicalYjs, noDeclarationFromModel] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noNode, noElectron, noElectronFolder, noLexicalYjs] }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noElectron, noRendererFolder, noLexicalYjs] }],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noRendererFolder] }],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noRendererFolder, electronBelow.preload] }],
    },
  },
  ...[
    ['electron/storage/**/*.ts', electronBelow.storage],
    ['electron/sync/**/*.ts', electronBelow.sync],
    ['electron/hub/**/*.ts', electronBelow.hub],
    ['electron/services/**/*.ts', electronBelow.services],
    ['electron/services/lanHosting.ts', electronBelow.lanHosting],
    ['electron/api/**/*.ts', electronBelow.api],
    ['electron/host/**/*.ts', electronBelow.host],
  ].map(([files, layer]) => ({
    files: [files],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noRendererFolder, noLexicalYjs, layer] }] },
  })),
  {
    files: ['scripts/**/*.mjs', '*.config.*', 'eslint.config.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
);

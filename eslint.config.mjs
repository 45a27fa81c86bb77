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
const noLexicalYjs = {
  group: ['@lexical/yjs', '@lexical/react/LexicalCollaborationPlugin', '@lexical/react/LexicalCollaborationContext'],
  message: "A declaration is bound to its Yjs model by Accord's own binding (shared/declaration/binding): Lexical's tree encoding loses words in merges.",
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
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noRendererFolder] }],
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.*', 'eslint.config.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
);

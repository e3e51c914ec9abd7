// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Import boundaries (GUIDE.md): imports flow one way, core ← services ← server, cli; only services
 * and the entry points touch db; web and reports see only shared and core. Each folder lists the
 * layers it may not import, statically or with import().
 */
const LAYERS = {
  core: { re: '(^|/)core/', glob: '**/core/**' },
  shared: { re: '(^|/)shared/', glob: '**/shared/**' },
  db: { re: '(^|/)db/', glob: '**/db/**' },
  repos: { re: '(^|/)db/repos/', glob: '**/db/repos/**' },
  services: { re: '(^|/)services/', glob: '**/services/**' },
  reports: { re: '(^|/)reports/', glob: '**/reports/**' },
  server: { re: '(^|/)server/', glob: '**/server/**' },
  cli: { re: '(^|/)cli/', glob: '**/cli/**' },
  web: { re: '(^|/)web/', glob: '**/web/**' },
};
/** src/config.ts, the environment, seen from a folder one or two levels down */
const APP_CONFIG = {
  re: '^(\\.\\./)+config\\.js$',
  globs: ['../config.js', '../../config.js', '../../../config.js'],
};
const NODE_IO = [
  'fs',
  'net',
  'http',
  'https',
  'http2',
  'os',
  'worker_threads',
  'child_process',
  'dgram',
  'cluster',
  'readline',
];
const nodeIo = NODE_IO.flatMap((m) => [m, `${m}/*`, `node:${m}`, `node:${m}/*`]);

/** esquery ends a regular expression at the first "/", even an escaped one. */
const slashless = (/** @type {string} */ re) => re.replace(/\//g, '\\x2F');

/**
 * @param {string} folder
 * @param {(keyof typeof LAYERS)[]} banned
 * @param {{ io?: boolean, config?: boolean, clock?: boolean }} [extra]
 */
function boundary(folder, banned, extra = {}) {
  const why = `${folder} may not import ${banned.join(', ')} (see GUIDE.md, "The shape of the system")`;
  const patterns = [{ group: banned.map((b) => LAYERS[b].glob), message: why }];
  const dynamic = banned.map((b) => ({
    selector: `ImportExpression[source.value=/${slashless(LAYERS[b].re)}/]`,
    message: why,
  }));
  if (extra.config) {
    patterns.push({
      group: APP_CONFIG.globs,
      message: `${folder} is given its configuration; only entry points read src/config.ts`,
    });
    dynamic.push({
      selector: `ImportExpression[source.value=/${slashless(APP_CONFIG.re)}/]`,
      message: `${folder}: no src/config.ts`,
    });
  }
  if (extra.io) {
    patterns.push({ group: nodeIo, message: `${folder} is pure: no I/O modules` });
    dynamic.push({
      selector: `ImportExpression[source.value=/^(node:)?(${NODE_IO.join('|')})(\\x2F|$)/]`,
      message: `${folder} is pure: no I/O`,
    });
  }
  const syntax = [...dynamic, PROCESS_ENV];
  if (extra.clock) {
    syntax.push(
      {
        selector: "NewExpression[callee.name='Date'][arguments.length=0]",
        message: `${folder} is pure: pass the clock in`,
      },
      { selector: "MemberExpression[object.name='process']", message: `${folder} is pure: no process` },
    );
  }
  /** @type {import('eslint').Linter.RulesRecord} */
  const rules = {
    '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
    'no-restricted-syntax': ['error', ...syntax],
  };
  if (extra.clock) {
    rules['no-restricted-properties'] = [
      'error',
      { object: 'Date', property: 'now', message: `${folder} is pure: pass the clock in` },
      { object: 'Math', property: 'random', message: `${folder} is pure: pass a seeded random generator in` },
      { object: 'performance', property: 'now', message: `${folder} is pure: pass the clock in` },
    ];
  }
  return {
    files: [`src/${folder}/**/*.ts`, `src/${folder}/**/*.tsx`],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules,
  };
}

const PROCESS_ENV = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: 'Read the environment only in src/config.ts.',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'coverage/', 'out/', '.ci/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-lines': ['warn', { max: 500, skipBlankLines: true, skipComments: true }],
      'no-restricted-syntax': ['error', PROCESS_ENV],
    },
  },
  boundary('core', ['db', 'services', 'reports', 'server', 'cli', 'web'], {
    io: true,
    config: true,
    clock: true,
  }),
  boundary('shared', ['db', 'services', 'reports', 'server', 'cli', 'web'], {
    io: true,
    config: true,
    clock: true,
  }),
  boundary('db', ['services', 'reports', 'server', 'cli', 'web']),
  boundary('services', ['server', 'cli', 'web']),
  boundary('reports', ['db', 'services', 'server', 'cli', 'web'], { io: true, config: true }),
  boundary('server', ['repos', 'cli', 'web']),
  boundary('cli', ['repos', 'web']),
  boundary('web', ['db', 'services', 'reports', 'server', 'cli'], { io: true, config: true }),
  {
    files: ['src/config.ts', 'test/**', 'bench/**', 'scripts/**', 'bin/**', 'vitest.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['eslint.config.js', 'bin/**', 'scripts/**'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      parserOptions: { projectService: false },
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
);

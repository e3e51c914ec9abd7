/**
 * The import boundaries of GUIDE.md, enforced by ESLint (eslint.config.js): an upward import placed
 * in any folder is a lint error, so `npm test` fails. Each case lints a small module as if it lived
 * at the given path, with the project's own configuration (type-aware rules off: the file is virtual).
 */
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/cli.js';

const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: [
    { ...tseslint.configs.disableTypeChecked, files: ['**/*.ts', '**/*.tsx'] },
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parserOptions: { projectService: false, project: null } },
    },
  ],
});

async function problems(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: `${ROOT}/${file}` });
  return (r?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

/** [file, the import it may not have]: static and dynamic forms are both tried. */
const FORBIDDEN: [string, string][] = [
  ['src/core/x.ts', '../db/create-db.js'],
  ['src/core/x.ts', '../services/context.js'],
  ['src/core/x.ts', '../server/app.js'],
  ['src/core/x.ts', '../cli/main.js'],
  ['src/core/x.ts', '../web/api.js'],
  ['src/core/x.ts', '../config.js'],
  ['src/core/demo/x.ts', '../../services/demo.js'],
  ['src/core/x.ts', 'node:fs'],
  ['src/core/x.ts', 'fs'],
  ['src/core/x.ts', 'node:net'],
  ['src/core/x.ts', 'node:http'],
  ['src/core/x.ts', 'node:os'],
  ['src/core/x.ts', 'node:worker_threads'],
  ['src/shared/x.ts', '../services/context.js'],
  ['src/shared/x.ts', 'node:fs'],
  ['src/db/x.ts', '../services/context.js'],
  ['src/db/repos/x.ts', '../../services/context.js'],
  ['src/db/x.ts', '../server/app.js'],
  ['src/db/x.ts', '../cli/main.js'],
  ['src/services/x.ts', '../server/app.js'],
  ['src/services/import/x.ts', '../../cli/main.js'],
  ['src/services/x.ts', '../web/api.js'],
  ['src/server/x.ts', '../db/repos/assessments.js'],
  ['src/server/x.ts', '../cli/main.js'],
  ['src/cli/commands/x.ts', '../../db/repos/assessments.js'],
  ['src/reports/x.ts', '../db/create-db.js'],
  ['src/reports/x.ts', '../services/context.js'],
  ['src/reports/x.ts', 'node:fs'],
  ['src/reports/x.ts', '../server/app.js'],
  ['src/web/x.ts', '../db/create-db.js'],
  ['src/web/x.ts', '../services/context.js'],
  ['src/web/console/x.tsx', '../../server/app.js'],
  ['src/web/x.ts', 'node:fs'],
];

/** Imports that follow the flow and must stay allowed. */
const ALLOWED: [string, string][] = [
  ['src/core/x.ts', './config.js'],
  ['src/core/demo/x.ts', '../../core/config.js'],
  ['src/core/x.ts', '../shared/errors.js'],
  ['src/db/repos/x.ts', '../../core/config.js'],
  ['src/services/x.ts', '../db/repos/assessments.js'],
  ['src/services/x.ts', '../config.js'],
  ['src/server/x.ts', '../services/assessments.js'],
  ['src/cli/x.ts', '../server/main.js'],
  ['src/web/x.ts', '../shared/errors.js'],
  ['src/web/x.ts', '../core/config.js'],
];

describe('import boundaries', () => {
  it.each(FORBIDDEN)('%s may not import %s', async (file, spec) => {
    expect(await problems(file, `import '${spec}';\nexport {};\n`)).not.toEqual([]);
    expect(await problems(file, `export const m = () => import('${spec}');\n`)).not.toEqual([]);
  });

  it.each(ALLOWED)('%s may import %s', async (file, spec) => {
    expect(await problems(file, `import '${spec}';\nexport {};\n`)).toEqual([]);
  });

  it('keeps the clock and randomness out of core', async () => {
    expect(await problems('src/core/x.ts', 'export const t = Date.now();\n')).not.toEqual([]);
    expect(await problems('src/core/x.ts', 'export const t = new Date();\n')).not.toEqual([]);
    expect(await problems('src/core/x.ts', 'export const r = Math.random();\n')).not.toEqual([]);
    expect(await problems('src/core/x.ts', "export const d = new Date('2024-01-01');\n")).toEqual([]);
  });

  it('reads the environment only in src/config.ts', async () => {
    expect(await problems('src/services/x.ts', 'export const e = process.env.HOME;\n')).not.toEqual([]);
    expect(await problems('src/config.ts', 'export const e = process.env.HOME;\n')).toEqual([]);
  });
});

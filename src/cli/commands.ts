/**
 * One handler per command (a table, not a switch). Each opens the runtime, does its work
 * through the services and prints its result on stdout.
 */
import fs from 'node:fs';
import path from 'node:path';
import { KpError } from '../core/errors.js';
import { listAssessments } from '../db/repo.js';
import { endProgress, openRuntime, progressLine, type Runtime } from './runtime.js';

export type Options = Record<string, string | boolean | undefined>;
export type Command = (args: string[], opts: Options) => Promise<void>;

const out = (s: string) => process.stdout.write(`${s}\n`);

function need(opts: Options, name: string): string {
  const v = opts[name];
  if (typeof v !== 'string' || v === '') throw new KpError('KP_BAD_ARGUMENT', `--${name} is required`);
  return v;
}

function arg(args: string[], i: number, what: string): string {
  const v = args[i];
  if (!v) throw new KpError('KP_BAD_ARGUMENT', `missing ${what}`);
  return v;
}

function noExtra(args: string[], n: number): void {
  if (args.length > n) throw new KpError('KP_BAD_ARGUMENT', `unexpected argument "${args[n]}"`);
}

async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await openRuntime();
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

function seedOf(opts: Options): number {
  const raw = opts.seed;
  if (raw === undefined) return 1;
  const n = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(n) || n < 0) throw new KpError('KP_BAD_ARGUMENT', '--seed: expected an integer ≥ 0');
  return n;
}

// Services are loaded on demand so that each command starts quickly.
const basic = () => import('../services/import-basic.js');
const source = async (file: string) => (await import('../services/table-reader.js')).fileSource(file);

const importers: Record<string, (rt: Runtime, file: string, opts: Options) => Promise<string>> = {
  async config(rt, file) {
    const { importConfig, readConfigFile } = await basic();
    return importConfig(rt.ctx, readConfigFile(file), file);
  },
  async units(rt, file, opts) {
    const n = await (await basic()).importUnits(rt.ctx, need(opts, 'assessment'), await source(file));
    return `imported ${n} agencies`;
  },
  async responses(rt, file, opts) {
    const ctx = { ...rt.ctx, progress: progressLine(`importing ${path.basename(file)}`) };
    const { importResponses } = await import('../services/import-responses.js');
    const r = await importResponses(ctx, need(opts, 'assessment'), await source(file));
    endProgress();
    return `${r.rows} rows: ${r.added} responses added, ${r.unchanged} already stored`;
  },
  async cases(rt, file, opts) {
    const n = await (await basic()).importCases(rt.ctx, need(opts, 'assessment'), await source(file), rt.secrets());
    return `imported ${n} phone cases`;
  },
  async scores(rt, file, opts) {
    const n = await (await basic()).importScores(rt.ctx, need(opts, 'assessment'), await source(file));
    return `imported ${n} performance scores`;
  },
};

export const commands: Record<string, Command> = {
  async init(args) {
    noExtra(args, 0);
    await withRuntime((rt) => {
      out(rt.handle.engine === 'sqlite' ? `database ready: ${path.join(rt.config.dataDir, 'kaoping.db')}` : 'database ready (PostgreSQL)');
      return Promise.resolve();
    });
  },

  async demo(args, opts) {
    noExtra(args, 0);
    const seed = seedOf(opts);
    await withRuntime(async (rt) => {
      const { loadDemo } = await import('../services/demo.js');
      const r = await loadDemo(rt, seed);
      out(`demo assessment loaded: ${r.responses} responses, ${r.units} agencies, ${r.cases} phone cases`);
      out(r.id);
    });
  },

  async assessments(args) {
    noExtra(args, 0);
    await withRuntime(async (rt) => {
      for (const a of await listAssessments(rt.handle.db)) out(`${a.id}\t${a.name}\t${a.year}`);
    });
  },

  async import(args, opts) {
    const kind = arg(args, 0, 'what to import (config, units, responses, cases, scores)');
    const file = arg(args, 1, 'FILE');
    noExtra(args, 2);
    const run = importers[kind];
    if (!run) throw new KpError('KP_BAD_ARGUMENT', `import ${kind}: expected config, units, responses, cases or scores`);
    await withRuntime(async (rt) => out(await run(rt, file, opts)));
  },

  async analyze(args, opts) {
    noExtra(args, 0);
    const id = need(opts, 'assessment');
    const dir = need(opts, 'out');
    const replicates = opts.bootstrap === undefined ? undefined : Number(opts.bootstrap);
    if (replicates !== undefined && !(Number.isInteger(replicates) && replicates >= 0)) {
      throw new KpError('KP_BAD_ARGUMENT', '--bootstrap: expected a number of replicates ≥ 0');
    }
    const threads = opts.threads === undefined ? undefined : Number(opts.threads);
    if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) {
      throw new KpError('KP_BAD_ARGUMENT', '--threads: expected a number of threads ≥ 1');
    }
    await withRuntime(async (rt) => {
      // loaded on demand: the analysis pulls in the Chinese segmenter
      const { runAnalysis } = await import('../services/analyze.js');
      const files = await runAnalysis(rt.handle.db, id, dir, { replicates, seed: seedOf(opts), threads });
      out(`wrote ${files.length} files to ${dir}`);
    });
  },

  async export(args, opts) {
    const what = arg(args, 0, 'what to export (responses)');
    noExtra(args, 1);
    if (what !== 'responses') throw new KpError('KP_BAD_ARGUMENT', `export ${what}: only "responses" can be exported`);
    const layout = opts.layout;
    if (layout !== undefined && layout !== 'long' && layout !== 'wide') {
      throw new KpError('KP_BAD_ARGUMENT', '--layout: expected long or wide');
    }
    const file = need(opts, 'out');
    await withRuntime(async (rt) => {
      const { exportResponses } = await import('../services/export-responses.js');
      const n = await exportResponses(rt.handle.db, need(opts, 'assessment'), file, layout, progressLine('exporting'));
      endProgress();
      out(`wrote ${n} rows to ${file}`);
    });
  },

  async user(args, opts) {
    if (args[0] !== 'add') throw new KpError('KP_BAD_ARGUMENT', 'usage: kaoping user add NAME --role ROLE [--unit CODE]');
    const name = arg(args, 1, 'NAME');
    noExtra(args, 2);
    const { addUser, parseRole } = await import('../services/accounts.js');
    const role = parseRole(typeof opts.role === 'string' ? opts.role : undefined);
    await withRuntime(async (rt) => {
      const unit = typeof opts.unit === 'string' ? opts.unit : null;
      const pw = await addUser(rt.handle.db, { name, role, unitCode: unit }, 'cli', new Date());
      out(`user ${name} (${role}) created; one-time password (change it at first sign-in):`);
      out(pw);
    });
  },

  async apikey(args, opts) {
    if (args[0] !== 'create') throw new KpError('KP_BAD_ARGUMENT', 'usage: kaoping apikey create --role ROLE [--assessment ID]');
    noExtra(args, 1);
    const { createApiKey, parseRole } = await import('../services/accounts.js');
    const role = parseRole(typeof opts.role === 'string' ? opts.role : undefined);
    await withRuntime(async (rt) => {
      const id = typeof opts.assessment === 'string' ? opts.assessment : null;
      const key = await createApiKey(rt.handle.db, role, id, 'cli', new Date());
      out(`API key for role ${role}${id ? ` on ${id}` : ''} (shown once):`);
      out(key);
    });
  },

  async backup(args) {
    const file = arg(args, 0, 'FILE');
    noExtra(args, 1);
    const { backup } = await import('../services/backup.js');
    await withRuntime(async (rt) => out(`backed up ${await backup(rt.handle, file)} rows to ${file}`));
  },

  async restore(args) {
    const file = arg(args, 0, 'FILE');
    noExtra(args, 1);
    if (!fs.existsSync(file)) throw new KpError('KP_IMPORT_BAD_FILE', `${file}: no such file`);
    const { restore } = await import('../services/backup.js');
    await withRuntime(async (rt) => out(`restored ${await restore(rt.handle, file, 'cli', new Date())} rows from ${file}`));
  },
};

import path from 'node:path';
import { asKpError, KpError } from '../../shared/errors.js';
import type { Runtime } from '../../services/runtime.js';
import type { CliIo } from '../io.js';
import { endProgress, progressLine } from '../progress.js';
import { arg, need, noExtra, println, withRuntime, type Command, type Options } from '../command.js';

type Kind = 'config' | 'units' | 'responses' | 'cases' | 'scores' | 'targets';
type Importer = (rt: Runtime, file: string, opts: Options, io: CliIo) => Promise<string>;

const load = () => import('../../services/import/index.js');

/** How a source was decoded, when it was not plain UTF-8 (GB18030, UTF-16). */
const encodingNote = (s: { encoding?: string }) =>
  s.encoding && s.encoding !== 'utf-8' ? ` (read as ${s.encoding.toUpperCase()})` : '';

const importers: Record<Kind, Importer> = {
  async config(rt, file) {
    const { importConfig, readConfigFile } = await load();
    const r = await importConfig(rt.ctx, readConfigFile(file), file);
    return r;
  },
  async units(rt, file, opts) {
    const { importUnits, fileSource } = await load();
    const src = fileSource(file);
    const n = await importUnits(rt.ctx, need(opts, 'assessment'), src);
    return `imported ${n} agencies${encodingNote(src)}`;
  },
  async responses(rt, file, opts, io) {
    const { importResponses, fileSource } = await load();
    const ctx = { ...rt.ctx, progress: progressLine(io, `importing ${path.basename(file)}`) };
    const src = fileSource(file);
    const r = await importResponses(ctx, need(opts, 'assessment'), src);
    endProgress(io);
    return `${r.rows} rows: ${r.added} responses added, ${r.unchanged} already stored${encodingNote(src)}`;
  },
  async cases(rt, file, opts) {
    const { importCases, fileSource } = await load();
    const src = fileSource(file);
    const n = await importCases(rt.ctx, need(opts, 'assessment'), src, rt.secrets());
    return `imported ${n} phone cases${encodingNote(src)}`;
  },
  async scores(rt, file, opts) {
    const { importScores, fileSource } = await load();
    const src = fileSource(file);
    const n = await importScores(rt.ctx, need(opts, 'assessment'), src);
    return `imported ${n} performance scores${encodingNote(src)}`;
  },
  // 绩效目标申报表 (SPEC §4.8): JSON or the form's own Excel layout
  async targets(rt, file, opts) {
    const { importTargets } = await import('./targets.js');
    return importTargets(rt, file, opts);
  },
};

const KINDS = Object.keys(importers) as Kind[];

/** `kaoping import KIND FILE [--assessment ID]`. */
export const importCommand: Command = async ({ args, opts, io }) => {
  const kind = arg(args, 0, `what to import (${KINDS.join(', ')})`);
  const file = arg(args, 1, 'FILE');
  noExtra(args, 2);
  if (!(KINDS as string[]).includes(kind))
    throw new KpError('KP_BAD_ARGUMENT', `import ${kind}: expected ${KINDS.join(', ')}`);
  await withRuntime(io, async (rt) => {
    let done: string;
    try {
      done = await importers[kind as Kind](rt, file, opts, io);
    } catch (e) {
      // an unexpected failure still names the file, on one line
      throw asKpError(e, file);
    }
    println(io, done);
  });
};

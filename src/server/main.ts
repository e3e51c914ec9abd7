/**
 * The server process: owns the runtime, logging, signals and listen; buildApp (app.ts) is the
 * application as a plugin that never listens. `npm start` runs this file (init, the demo when
 * the database is empty, an admin account, serve); `kaoping serve` calls runServer without the demo.
 */
import { pathToFileURL } from 'node:url';
import { loadConfig, type AppConfig } from '../config.js';
import { asKpError } from '../shared/errors.js';
import { ensureAdmin } from '../services/accounts/accounts.js';
import { listAssessments } from '../services/assessments.js';
import { JobRunner } from '../services/jobs/runner.js';
import { openRuntime } from '../services/runtime.js';
import { buildApp } from './app.js';

export interface ServerOptions {
  config: Readonly<AppConfig>;
  /** overrides PORT */
  port?: number | undefined;
  loadDemoWhenEmpty: boolean;
  print: (line: string) => void;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function runServer(opts: ServerOptions): Promise<RunningServer> {
  const { config } = opts;
  const rt = await openRuntime(config, 'start');
  try {
    if (opts.loadDemoWhenEmpty && (await listAssessments(rt.ctx)).length === 0) {
      opts.print('empty database: loading the demo assessment (Suzhou 2020, synthetic answers)…');
      const { loadDemo } = await import('../services/demo.js');
      const r = await loadDemo(rt, 1);
      opts.print(`demo loaded: ${r.id} with ${r.units} agencies and ${r.responses} responses`);
      // The console's ranking, quality and agency pages read stored snapshots: analyse the demo
      // once (about a second), so that they show results at the first visit. Not published:
      // publishing stays an admin's act.
      const { analyseTables, storeRun } = await import('../services/analyze/analyze.js');
      const tables = await analyseTables(rt.handle.db, r.id);
      const stored = await storeRun(rt.handle.db, r.id, tables, rt.ctx);
      opts.print(`results snapshot ${stored.id} stored (the analysis of the demo data; not published)`);
    }
    const login = await ensureAdmin(rt.handle.db, config.adminPassword, new Date());
    // Warnings and errors (a 500's stack) go to stderr-like JSON lines; secrets are redacted.
    const app = buildApp({ handle: rt.handle, logger: { level: config.debug ? 'debug' : 'warn' } });
    const port = opts.port ?? config.port;
    await app.listen({ port, host: '0.0.0.0' });
    const address = app.server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    const url = `http://localhost:${actual}/`;
    // Background jobs (analyses from the console): claimed from the database, so every server
    // behind a load balancer runs this; a job left running by a stopped server is failed here.
    const runner = new JobRunner({ ...rt.ctx, secrets: () => rt.secrets() });
    runner.start();
    opts.print(`kaoping is running: ${url}\nsign in: ${login}`);
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        await app.close();
        await runner.stop();
        await rt.close();
      })());
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      process.once(sig, () => {
        void close().then(() => process.exit(0));
      });
    }
    return { url, close };
  } catch (e) {
    await rt.close();
    throw e;
  }
}

// `node dist/server/main.js` (npm start)
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await runServer({
      config: loadConfig(),
      loadDemoWhenEmpty: true,
      print: (s) => void process.stdout.write(`${s}\n`),
    });
  } catch (e) {
    process.stderr.write(`kaoping: ${asKpError(e).message}\n`);
    process.exitCode = 1;
  }
}

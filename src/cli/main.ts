/**
 * The kaoping command (SPEC §3) as a function: main(argv, io) parses the arguments, runs one
 * command and returns its exit code. Every failure is one line on stderr, `kaoping: FILE: why`;
 * a stack trace only with KAOPING_DEBUG set. The bin (bin/kaoping.js) only calls it, and tests
 * call it in-process. Commands are loaded on demand, so `kaoping --help` loads none of them.
 */
import { parseArgs } from 'node:util';
import { asKpError, KpError, oneLine } from '../shared/errors.js';
import type { Command } from './command.js';
import type { CliIo } from './io.js';

const HELP = `kaoping — 第三方满意度考评 / third-party satisfaction assessment of government agencies

Usage: kaoping <command> [options]

  init                                   create or migrate the database
  demo [--seed N]                        load the demo assessment; prints its id as the last word
  assessments                            list assessments: id, name, year
  import config FILE.json                create or replace an assessment's configuration; prints its id
  import units FILE.csv|xlsx --assessment ID
  import responses FILE.csv|xlsx --assessment ID
  import cases FILE.csv|xlsx --assessment ID
  import scores FILE.csv|xlsx --assessment ID
  import targets FILE.json|xlsx --assessment ID   the performance-target sheet (绩效目标申报表)
  analyze --assessment ID --out DIR      write the result files (SPEC §4.6) and store a results snapshot
          [--bootstrap N] [--seed N]     rank-interval replicates (default 1000; 0 = none) and seed
          [--threads N]                  threads for the answer pass (default: all cores, up to 4,
                                         from 1,000,000 answers)
  report --assessment ID --out DIR [--no-pdf]
                                         Word reports: DIR/agencies/<unit_code>.docx and DIR/overall.docx,
                                         PDFs beside them when LibreOffice is installed (unless --no-pdf)
  export responses --assessment ID --out FILE.csv|xlsx|sav [--layout long|wide]
  export targets --assessment ID --out FILE.xlsx|docx|json        the target sheet
  export self-evaluation --assessment ID --out FILE.xlsx|docx     绩效自评表
  user add NAME --role ROLE [--unit CODE]   prints a one-time password
  user reset-password NAME               prints a new one-time password (also lifts a sign-in lockout)
  apikey create --role ROLE [--assessment ID]   prints a key as the last word
  backup FILE | restore FILE             a consistent snapshot / all-or-nothing restore
  serve [--port N]                       the web application and the HTTP API

Input files: CSV (UTF-8, or GB18030 as zh-CN Excel saves it; UTF-16 "Unicode text") or XLSX.
Environment: KAOPING_DATA_DIR (default ./data, SQLite), DATABASE_URL (postgres://… for PostgreSQL),
KAOPING_DEBUG=1 prints the stack trace of an unexpected error.
`;

type Name =
  | 'init'
  | 'demo'
  | 'assessments'
  | 'import'
  | 'analyze'
  | 'export'
  | 'user'
  | 'apikey'
  | 'backup'
  | 'restore'
  | 'serve'
  | 'report';

/** One loader per command: the module is imported only when its command runs. */
const COMMANDS: Record<Name, () => Promise<Command>> = {
  init: async () => (await import('./commands/init.js')).init,
  demo: async () => (await import('./commands/demo.js')).demo,
  assessments: async () => (await import('./commands/assessments.js')).assessments,
  import: async () => (await import('./commands/import.js')).importCommand,
  analyze: async () => (await import('./commands/analyze.js')).analyze,
  export: async () => (await import('./commands/export.js')).exportCommand,
  user: async () => (await import('./commands/user.js')).user,
  apikey: async () => (await import('./commands/apikey.js')).apikey,
  backup: async () => (await import('./commands/backup.js')).backup,
  restore: async () => (await import('./commands/backup.js')).restore,
  serve: async () => (await import('./commands/serve.js')).serve,
  report: async () => (await import('./commands/report.js')).report,
};

const isName = (s: string): s is Name => Object.hasOwn(COMMANDS, s);

export async function main(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        assessment: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        role: { type: 'string' },
        unit: { type: 'string' },
        layout: { type: 'string' },
        port: { type: 'string' },
        bootstrap: { type: 'string' },
        threads: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        'no-pdf': { type: 'boolean' },
      },
    });
  } catch (e) {
    io.stderr(`kaoping: ${oneLine((e as Error).message)}\n`);
    return 2;
  }
  const [name, ...args] = parsed.positionals;
  if (!name || parsed.values.help || name === 'help') {
    io.stdout(HELP);
    return name || parsed.values.help ? 0 : 2;
  }
  if (!isName(name)) {
    io.stderr(`kaoping: unknown command "${oneLine(name)}" (see kaoping --help)\n`);
    return 2;
  }
  try {
    const run = await COMMANDS[name]();
    await run({ args, opts: parsed.values, io });
    return 0;
  } catch (e) {
    const err = asKpError(e);
    io.stderr(`kaoping: ${err.message}\n`);
    if (!(e instanceof KpError) && e instanceof Error && e.stack && io.env.KAOPING_DEBUG)
      io.stderr(`${e.stack}\n`);
    return err.exitCode;
  }
}

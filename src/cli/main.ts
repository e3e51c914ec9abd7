/**
 * The kaoping command (SPEC §3). Owns the process: parses arguments, opens the store, runs one
 * command, prints a one-line error and exits non-zero on failure.
 */
import { parseArgs } from 'node:util';
import { KpError } from '../core/errors.js';
import { loadConfig } from '../config.js';
import { commands, type Command } from './commands.js';

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
  analyze --assessment ID --out DIR      write the result files (SPEC §4.6)
          [--bootstrap N] [--seed N]     rank-interval replicates (default 1000; 0 = none) and seed
          [--threads N]                  threads for the answer pass (default: all cores, up to 4,
                                         from 1,000,000 answers)
  export responses --assessment ID --out FILE.csv|xlsx [--layout long|wide]
  user add NAME --role ROLE [--unit CODE]   prints a one-time password
  apikey create --role ROLE [--assessment ID]   prints a key as the last word
  backup FILE | restore FILE

Environment: KAOPING_DATA_DIR (default ./data, SQLite), DATABASE_URL (postgres://… for PostgreSQL).
`;

export async function main(argv: string[]): Promise<number> {
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
      },
    });
  } catch (e) {
    process.stderr.write(`kaoping: ${(e as Error).message}\n`);
    return 2;
  }
  const [name, ...rest] = parsed.positionals;
  if (!name || parsed.values.help || name === 'help') {
    process.stdout.write(HELP);
    return name || parsed.values.help ? 0 : 2;
  }
  const cmd: Command | undefined = commands[name];
  if (!cmd) {
    process.stderr.write(`kaoping: unknown command "${name}" (see kaoping --help)\n`);
    return 2;
  }
  try {
    await cmd(rest, parsed.values);
    return 0;
  } catch (e) {
    if (e instanceof KpError) {
      process.stderr.write(`kaoping: ${e.message}\n`);
      return e.code === 'KP_BAD_ARGUMENT' ? 2 : 1;
    }
    process.stderr.write(`kaoping: ${e instanceof Error ? e.message : String(e)}\n`);
    if (e instanceof Error && e.stack && loadConfig().debug) process.stderr.write(`${e.stack}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));

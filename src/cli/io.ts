/**
 * Where a command writes and what it reads from its environment: the process in production,
 * buffers in tests (main(argv, io) runs in-process).
 */
export interface CliIo {
  stdout(s: string): void;
  stderr(s: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** progress lines are drawn only on a terminal */
  isTTY: boolean;
}

/** The process's own streams; `env` is process.env, passed in by the bin. */
export function processIo(env: Readonly<Record<string, string | undefined>>): CliIo {
  return {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    env,
    isTTY: Boolean(process.stderr.isTTY),
  };
}

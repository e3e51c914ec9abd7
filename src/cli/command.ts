/**
 * What a command is, and the small argument helpers the commands share.
 */
import { KpError } from '../shared/errors.js';
import { loadConfig } from '../config.js';
import type { Runtime } from '../services/runtime.js';
import type { CliIo } from './io.js';

export type Options = Record<string, string | boolean | undefined>;

export interface CommandInput {
  args: string[];
  opts: Options;
  io: CliIo;
}

export type Command = (input: CommandInput) => Promise<void>;

export function need(opts: Options, name: string): string {
  const v = opts[name];
  if (typeof v !== 'string' || v === '') throw new KpError('KP_BAD_ARGUMENT', `--${name} is required`);
  return v;
}

export function optional(opts: Options, name: string): string | undefined {
  const v = opts[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function arg(args: string[], i: number, what: string): string {
  const v = args[i];
  if (!v) throw new KpError('KP_BAD_ARGUMENT', `missing ${what}`);
  return v;
}

export function noExtra(args: string[], n: number): void {
  if (args.length > n) throw new KpError('KP_BAD_ARGUMENT', `unexpected argument "${args[n]}"`);
}

/** A non-negative integer option (--seed, --bootstrap, …), or the default when absent. */
export function intOption(opts: Options, name: string, min: number): number | undefined {
  const raw = opts[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new KpError('KP_BAD_ARGUMENT', `--${name}: expected an integer ≥ ${min}`);
  }
  return n;
}

/** Opens the store for one command and closes it afterwards. */
export async function withRuntime<T>(io: CliIo, fn: (rt: Runtime) => Promise<T>, actor = 'cli'): Promise<T> {
  const { openRuntime } = await import('../services/runtime.js');
  const rt = await openRuntime(loadConfig(io.env), actor);
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

export const println = (io: CliIo, s: string): void => io.stdout(`${s}\n`);

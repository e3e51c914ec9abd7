/**
 * The command line as a function (main(argv, io)) and as the real bin: help, unknown commands,
 * argument errors, and the one-line error contract.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin, runCli } from './support/cli.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-cli-'));
const env = { KAOPING_DATA_DIR: dir };

describe('kaoping main(argv, io)', () => {
  it('prints the help with exit 0, and with exit 2 when no command is given', async () => {
    const help = await runCli(env, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('import responses FILE.csv|xlsx --assessment ID');
    expect((await runCli(env, [])).code).toBe(2);
  });

  it('refuses an unknown command or option with one line and exit 2', async () => {
    const r = await runCli(env, ['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('kaoping: unknown command "frobnicate" (see kaoping --help)\n');
    const o = await runCli(env, ['assessments', '--nope']);
    expect(o.code).toBe(2);
    expect(o.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('names the missing option', async () => {
    const r = await runCli(env, ['analyze', '--out', dir]);
    expect(r).toMatchObject({ code: 2, stderr: 'kaoping: --assessment is required\n' });
    const s = await runCli(env, ['demo', '--seed', '1e3']);
    expect(s).toMatchObject({ code: 2, stderr: 'kaoping: --seed: expected an integer ≥ 0\n' });
  });

  it('reports an unexpected failure on one line, without a stack trace unless KAOPING_DEBUG is set', async () => {
    const bad = { KAOPING_DATA_DIR: dir, DATABASE_URL: 'mysql://x' };
    const r = await runCli(bad, ['assessments']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'kaoping: DATABASE_URL: only postgres:// URLs are supported (leave it unset for SQLite)\n',
    );
    const d = await runCli({ ...bad, KAOPING_DEBUG: '1' }, ['assessments']);
    expect(d.stderr.split('\n').length).toBeGreaterThan(2);
    expect(d.stderr).toMatch(/\n\s+at /);
  });

  it('escapes control characters in what it echoes', async () => {
    const r = await runCli(env, ['bad\u0000na\rme']);
    expect(r.stderr).toBe('kaoping: unknown command "bad\\u0000na me" (see kaoping --help)\n');
  });
});

describe('the kaoping bin', () => {
  it('runs the built CLI as a process', async () => {
    const r = await runBin(env, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^kaoping — 第三方满意度考评/);
    const e = await runBin(env, ['import', 'units', dir, '--assessment', 'none']);
    expect(e.code).toBe(1);
    expect(e.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(e.stderr).toMatch(/^kaoping: /);
  });
});

describe('a folder where a file is expected', () => {
  it.each([
    [['restore', dir], `kaoping: ${dir}: a folder, not a file\n`],
    [['import', 'config', dir], `kaoping: ${dir}: a folder, not a file\n`],
    [['backup', dir], `kaoping: ${dir}: a folder: give the name of the backup file to write\n`],
  ])('kaoping %j says so on one line', async (args, line) => {
    const r = await runCli(env, args);
    expect(r.stderr).toBe(line);
    expect(r.code).toBeGreaterThan(0);
    expect(fs.readdirSync(path.dirname(dir)).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });
});

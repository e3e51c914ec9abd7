/**
 * `npm run bench:cli`: how long `kaoping --help` takes as a fresh process (the built bin), median of
 * five runs after a warm-up, against a bare `node -e 0` in the same run (Node's own start-up).
 * Last line: `BENCH cli help_seconds=<s> node_seconds=<b>`. Bar (issue 7): ≤ 0.3 s.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
if (!fs.existsSync(path.join(ROOT, 'dist/cli/main.js')))
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });

function median(cmd: string[], runs = 5): number {
  execFileSync(process.execPath, cmd, { cwd: ROOT, stdio: 'ignore' }); // warm-up (file cache)
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, cmd, { cwd: ROOT, stdio: 'ignore' });
    t.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(runs / 2)]!;
}

const help = median([path.join(ROOT, 'bin/kaoping.js'), '--help']);
const bare = median(['-e', '0']);
console.log(`kaoping --help: ${help.toFixed(3)} s (median of 5); node -e 0: ${bare.toFixed(3)} s; bar 0.3 s`);
console.log(`BENCH cli help_seconds=${help.toFixed(3)} node_seconds=${bare.toFixed(3)}`);

/**
 * The README's first command: `npm start` (the built dist/server/main.js; `npm test` builds first) on
 * an empty data directory loads the demo, prints the admin's login and serves /healthz.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './support/cli.js';

describe('npm start', () => {
  it('starts on an empty database with the demo and prints the login once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-start-'));
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/server/main.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', KAOPING_DATA_DIR: dir, PORT: port },
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    try {
      const deadline = Date.now() + 90_000;
      while (!stdout.includes('sign in:') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 200));
      expect(stdout).toContain(`http://localhost:${port}/`);
      expect(stdout).toMatch(/sign in: admin \/ [A-Za-z0-9]{16}/);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const list = await runCli({ KAOPING_DATA_DIR: dir }, ['assessments']);
      expect(list.stdout).toMatch(/^suzhou-2020\t/);
      // the demo comes analysed, so that the ranking shows at the first visit; not published
      expect(stdout).toMatch(/results snapshot (\d+) stored/);
      const db = new SQLite(path.join(dir, 'kaoping.db'), { readonly: true });
      try {
        const snaps = db
          .prepare("select id from result_snapshots where assessment_id = 'suzhou-2020'")
          .all() as { id: number }[];
        expect(snaps.map((s) => s.id)).toEqual([Number(/results snapshot (\d+) stored/.exec(stdout)![1])]);
        const published = db.prepare('select count(*) as n from result_publications').get() as { n: number };
        expect(published.n).toBe(0);
      } finally {
        db.close();
      }
    } finally {
      child.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

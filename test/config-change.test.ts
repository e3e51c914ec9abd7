/**
 * Replacing a configuration: changes that would invalidate stored answers or change their
 * meaning are refused with the change and the number of answers; the others are applied and
 * audited, and re-importing the same responses stays a no-op. Reading the file: duplicated keys
 * and text that is not UTF-8 are refused. The usage statistics behind the check are backfilled
 * by migration 0003.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeMigrationProvider } from '../src/db/migrations.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { FIXTURES, runCli } from './support/cli.js';
import { fingerprint } from './support/fingerprint.js';

const small = (f: string) => path.join(FIXTURES, 'small', f);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-config-'));
type Config = Record<string, unknown> & {
  scale: {
    points: number;
    scores: Record<string, number>;
    labels?: Record<string, string>;
    satisfiedAtLeast: number;
  };
  groups: Record<string, unknown>[];
  items: Record<string, unknown>[];
};
const original = () => JSON.parse(fs.readFileSync(small('config.json'), 'utf8')) as Config;
let n = 0;
function write(cfg: Config | string, name = `cfg-${++n}.json`): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, typeof cfg === 'string' ? cfg : JSON.stringify(cfg, null, 2));
  return file;
}

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`configuration changes on ${engine}`, () => {
    let t: TestDb;
    const cli = (...args: string[]) => runCli(t.env, args);
    beforeAll(async () => {
      t = await createTestDb(engine);
      expect((await cli('import', 'config', small('config.json'))).code).toBe(0);
      for (const kind of ['units', 'responses'])
        expect((await cli('import', kind, small(`${kind}.csv`), '--assessment', 't-2024')).stderr).toBe('');
    });
    afterAll(async () => t?.dispose());

    it.each<[string, (c: Config) => void, string]>([
      [
        'fewer scale points',
        (c) => {
          c.scale.points = 3;
          c.scale.scores = { 1: 0, 2: 50, 3: 100 };
          delete c.scale.labels;
        },
        'scale.points: 5 → 3 would make 9 stored answers with values 4–5 invalid',
      ],
      [
        'an item type changed',
        (c) => (c.items[0]!.type = 'text'),
        'items.0.type: rating → text for item "S1" would change the meaning of 4 stored answers',
      ],
      [
        'an item removed',
        (c) => c.items.splice(1, 1),
        'items: removing item "S2" would orphan 4 stored answers',
      ],
      [
        'an item moved',
        (c) => (c.items[2]!.groups = ['service']),
        'items.2.groups: moving item "P1" out of group "peer" would make 5 stored answers invalid',
      ],
      [
        'a group losing a channel',
        (c) => (c.groups[0]!.channels = ['phone']),
        'groups.0.channels: group "service" losing channel "intercept" would make 2 stored answers invalid',
      ],
      [
        'a group removed',
        (c) => {
          c.groups.splice(1, 1);
          c.items.splice(2, 1);
        },
        'groups: removing group "peer" would orphan 5 stored answers',
      ],
    ])('refuses %s, naming the change and the answers, and changes nothing', async (_name, edit, message) => {
      const before = await fingerprint(t.handle);
      const cfg = original();
      edit(cfg);
      const file = write(cfg);
      const r = await cli('import', 'config', file);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toBe(`kaoping: ${file}: ${message}\n`);
      expect(await fingerprint(t.handle)).toEqual(before);
    });

    it('applies and audits changes that keep every answer valid; re-imports stay no-ops', async () => {
      const cfg = original();
      cfg.name = '测试考评（修订）';
      cfg.groups[0]!.weight = 0.6;
      cfg.groups[0]!.minN = 3;
      cfg.groups[1]!.trim = { fraction: 0.1 };
      cfg.scale.points = 7;
      cfg.scale.scores = { ...cfg.scale.scores, 6: 110, 7: 120 };
      cfg.scale.satisfiedAtLeast = 4;
      cfg.items.push({ code: 'S3', text: '新题', type: 'rating', groups: ['service'] });
      cfg.groups.push({ code: 'public', name: '社会公众', weight: 0.1, channels: ['online'] });
      (cfg.quotas as Record<string, unknown>).online = { perUnit: 2 };
      const r = await cli('import', 'config', write(cfg));
      expect(r.stderr).toBe('');
      const entry = await t.handle.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'import.config')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      const changes = (
        JSON.parse(entry.details) as { changes: { path: string; before: unknown; after: unknown }[] }
      ).changes;
      expect(changes).toContainEqual({ path: 'groups.service.weight', before: 0.5, after: 0.6 });
      expect(changes).toContainEqual({ path: 'scale.points', before: 5, after: 7 });
      expect(changes.map((c) => c.path)).toContain('items.S3');
      const again = await cli('import', 'responses', small('responses.csv'), '--assessment', 't-2024');
      expect(again.stderr).toBe('');
      expect(again.stdout).toContain('0 responses added, 7 already stored');
      // and back to the original (5 points still hold every stored value)
      expect((await cli('import', 'config', small('config.json'))).stderr).toBe('');
      const back = await cli('import', 'responses', small('responses.csv'), '--assessment', 't-2024');
      expect(back.stdout).toContain('0 responses added, 7 already stored');
    });

    it('backfills the usage statistics from stored blocks (migration 0003)', async () => {
      const db = t.handle.db;
      const usage = () =>
        db
          .selectFrom('answer_usage')
          .selectAll()
          .orderBy(['group_code', 'item_code', 'channel', 'value'])
          .execute();
      const before = await usage();
      expect(before.reduce((s, r) => s + Number(r.n), 0)).toBe(15);
      await db.schema.dropTable('answer_usage').execute();
      // the migration itself, not the migrator: later migrations stay applied, and the
      // migrator refuses to re-run one that is not the last
      const migrations = await new CodeMigrationProvider(engine).getMigrations();
      await migrations['0003_answer_usage']!.up(db);
      expect(await usage()).toEqual(before);
    });
  });
}

describe('reading a configuration file', () => {
  it('refuses a duplicated key, naming its path', async () => {
    const text = fs
      .readFileSync(small('config.json'), 'utf8')
      .replace('"weight": 0.5, "channels": ["peer"]', '"weight": 0.5, "channels": ["peer"], "weight": 0.7');
    const file = write(text);
    const r = await runCli({ KAOPING_DATA_DIR: tmp }, ['import', 'config', file]);
    expect(r.stderr).toBe(`kaoping: ${file}: groups.1.weight: duplicate key\n`);
  });

  it('refuses a file that is not UTF-8 (GBK), and accepts a BOM', async () => {
    const text = fs.readFileSync(small('config.json'), 'utf8');
    // "测试考评" in GBK: CE C4 BC FE … are not valid UTF-8
    const gbk = Buffer.from(text.replace('测试考评', '@@'), 'utf8');
    const at = gbk.indexOf('@@');
    const file = path.join(tmp, 'gbk.json');
    fs.writeFileSync(
      file,
      Buffer.concat([gbk.subarray(0, at), Buffer.from([0xb2, 0xe2, 0xca, 0xd4]), gbk.subarray(at + 2)]),
    );
    const dir = fs.mkdtempSync(path.join(tmp, 'db-'));
    const r = await runCli({ KAOPING_DATA_DIR: dir }, ['import', 'config', file]);
    expect(r.stderr).toBe(
      `kaoping: ${file}: not valid UTF-8 (saved as GBK/GB18030?); save the configuration as UTF-8\n`,
    );
    const bom = write('\uFEFF' + text);
    const ok = await runCli({ KAOPING_DATA_DIR: dir }, ['import', 'config', bom]);
    expect(ok.stderr).toBe('');
    expect(ok.stdout.trim()).toBe('t-2024');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { lastWord, runCli } from './support/cli.js';

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`demo on ${engine}`, () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await createTestDb(engine);
    });
    afterAll(async () => t?.dispose());

    it('loads the Suzhou 2020 demo through the importers and prints its id last', async () => {
      const r = await runCli(t.env, ['demo', '--seed', '3']);
      expect(r.stderr).toBe('');
      expect(lastWord(r.stdout)).toBe('suzhou-2020');
      const units = await t.handle.db.selectFrom('units').select('code').execute();
      expect(units).toHaveLength(89);
      const n = await t.handle.db
        .selectFrom('responses')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBeGreaterThan(6000);
      // the seed's target sheet with its synthetic expenditures (13.5 of 19 万元)
      const { targetsView } = await import('../src/services/targets/targets.js');
      const v = await targetsView({ handle: t.handle }, 'suzhou-2020');
      expect(v.sheet.project.name).toBe('统计调查工作经费');
      expect(v.sheet.indicators).toHaveLength(13);
      expect(v.live.budget_execution_rate).toBeCloseTo(13.5 / 19, 12);
      const again = await runCli(t.env, ['demo']);
      expect(again.code).not.toBe(0);
      expect(again.stderr).toContain('already exists');
    });
  });
}

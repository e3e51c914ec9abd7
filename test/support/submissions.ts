/**
 * Fixtures of the submission tests: a small configuration (a 5-point scale, an agency group
 * with four ratings and a comment, a firm group), its agencies, and valid bodies.
 */
import type { AssessmentConfig } from '../../src/core/config.js';
import { saveConfig } from '../../src/db/repos/assessments.js';
import type { TestDb } from './databases.js';

export function smallConfig(id: string): AssessmentConfig {
  return {
    id,
    name: `考评 ${id}`,
    year: 2026,
    scale: { points: 5, scores: { 1: 0, 2: 25, 3: 50, 4: 75, 5: 100 }, satisfiedAtLeast: 4 },
    groups: [
      { code: 'public', name: '群众', weight: 0.7, channels: ['online', 'phone'] },
      { code: 'peer', name: '机关互评', weight: 0.3, channels: ['peer'] },
      { code: 'firm', name: '对评估机构', rates: 'firm', channels: ['online'] },
    ],
    items: [
      { code: 'Q1', text: '服务态度', type: 'rating', groups: ['public', 'peer'] },
      { code: 'Q2', text: '办事效率', type: 'rating', groups: ['public', 'peer'] },
      { code: 'Q3', text: '公开透明', type: 'rating', groups: ['public'] },
      { code: 'Q4', text: '廉洁自律', type: 'rating', groups: ['public'] },
      { code: 'C1', text: '意见建议', type: 'text', groups: ['public'] },
      { code: 'F1', text: '访问员表现', type: 'rating', groups: ['firm'] },
    ],
  };
}

/** Creates (or replaces) assessment `id` with smallConfig and the agencies `units`. */
export async function makeSubmissionAssessment(
  t: TestDb,
  id: string,
  units: readonly string[] = ['A', 'B', 'C'],
): Promise<void> {
  await saveConfig(t.handle.db, smallConfig(id), new Date().toISOString());
  let position = 0;
  for (const code of units)
    await t.handle.db
      .insertInto('units')
      .values({
        assessment_id: id,
        code,
        name: `单位 ${code}`,
        category: 'c1',
        has_window: 0,
        position: position++,
      })
      .onConflict((oc) => oc.columns(['assessment_id', 'code']).doNothing())
      .execute();
}

/** A valid body of the public group rating agency `unit`. */
export function publicBody(responseId: string, unit = 'A', rating = 4): Record<string, unknown> {
  return {
    response_id: responseId,
    channel: 'online',
    group: 'public',
    respondent_key: `k-${responseId}`,
    duration_s: 120,
    submitted_at: '2026-03-01T10:00:00+08:00',
    answers: [
      { target_unit: unit, item: 'Q1', value: rating },
      { target_unit: unit, item: 'Q2', value: 'DK' },
      { target_unit: unit, item: 'Q3', value: 5 },
      { target_unit: unit, item: 'Q4', value: 3 },
      { target_unit: unit, item: 'C1', value: '窗口人员很耐心' },
    ],
  };
}

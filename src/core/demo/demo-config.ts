/**
 * The demo assessment's configuration (SPEC §4.1): the Suzhou 2020 municipal agencies'
 * high-quality-development (performance management) assessment, carried out in 2021.
 */
import type { AssessmentConfig } from '../../core/config.js'; // not '../config.js', which the lint rule reserves for src/config.ts // not '../config.js', which the lint rule reserves for src/config.ts
import { DEMO_GROUPS, DEMO_ITEMS } from './questionnaire.js';

export const DEMO_CONFIG_ID = 'suzhou-2020';

/** A fresh copy of the demo configuration, as the JSON object an import would read. */
export function demoConfig(): AssessmentConfig {
  return {
    id: DEMO_CONFIG_ID,
    name: '2020年度市级机关服务高质量发展（绩效管理）考核',
    year: 2020,
    scale: {
      points: 5,
      labels: { '5': '非常满意', '4': '满意', '3': '基本满意', '2': '不满意', '1': '非常不满意' },
      labelsEn: {
        '5': 'Very satisfied',
        '4': 'Satisfied',
        '3': 'Fairly satisfied',
        '2': 'Dissatisfied',
        '1': 'Very dissatisfied',
      },
      scores: { '5': 100, '4': 80, '3': 60, '2': 40, '1': 20 },
      satisfiedAtLeast: 3,
    },
    groups: DEMO_GROUPS.map((g) => ({
      code: g.code,
      name: g.name,
      nameEn: g.nameEn,
      channels: [...g.channels],
      ...(g.weight !== undefined ? { weight: g.weight } : {}),
      ...(g.minN !== undefined ? { minN: g.minN } : {}),
      ...(g.trim ? { trim: { ...g.trim } } : {}),
      ...(g.excludeSelf !== undefined ? { excludeSelf: g.excludeSelf } : {}),
      ...(g.rates ? { rates: g.rates } : {}),
    })),
    items: DEMO_ITEMS.map((it) => ({
      code: it.code,
      text: it.text,
      textEn: it.textEn,
      type: it.type,
      groups: [it.group],
      ...(it.type === 'rating' ? { required: true } : {}),
      dimension: it.dimension,
    })),
    validity: {
      minDurationSeconds: { phone: 60, intercept: 30, online: 30, peer: 0 },
      straightlineMinItems: 8,
      straightlineInvalid: false,
    },
    total: {
      weights: { daily: 0.6, satisfaction: 0.4 },
      bonusCap: 5,
      grades: [
        { grade: '优秀', minTotal: 90, maxShare: 0.3 },
        { grade: '良好', minTotal: 80 },
        { grade: '一般', minTotal: 60 },
        { grade: '较差', minTotal: 0 },
      ],
    },
    quotas: { phone: { perUnit: 50 }, online: { perUnit: 8 }, intercept: { total: 500 } },
    aapor: { e: null },
  };
}

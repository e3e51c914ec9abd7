/**
 * Respondent groups and questionnaire items of the demo assessment, with the answer model the
 * generator uses (how often an item is answered 不了解, how it sits against the agency's level).
 */
import type { Channel } from '../../core/config.js'; // not '../config.js', which the lint rule reserves for src/config.ts // not '../config.js', which the lint rule reserves for src/config.ts

export type GroupCode = 'service' | 'peer' | 'cadre' | 'public' | 'firm';

export interface DemoGroup {
  code: GroupCode;
  name: string;
  nameEn: string;
  channels: Channel[];
  weight?: number;
  minN?: number;
  trim?: { count: number };
  excludeSelf?: boolean;
  rates?: 'firm';
}

export interface DemoItem {
  code: string;
  text: string;
  textEn: string;
  dimension: string;
  group: GroupCode;
  type: 'rating' | 'text';
  /** probability of a 不了解 (DK) answer */
  dk: number;
  /** shift of the answer level for this item (positive: rated better than the agency's level) */
  shift: number;
}

export const DEMO_GROUPS: readonly DemoGroup[] = [
  {
    code: 'service',
    name: '服务对象',
    nameEn: 'Service recipients',
    channels: ['phone', 'intercept'],
    weight: 0.4,
    minN: 5,
  },
  {
    code: 'peer',
    name: '机关互评',
    nameEn: 'Mutual evaluation of agencies',
    channels: ['peer'],
    weight: 0.3,
    minN: 5,
    trim: { count: 1 },
    excludeSelf: true,
  },
  { code: 'cadre', name: '机关干部', nameEn: 'Civil servants', channels: ['online'], weight: 0.2, minN: 3 },
  { code: 'public', name: '社会公众', nameEn: 'The public', channels: ['online'], weight: 0.1, minN: 5 },
  { code: 'firm', name: '第三方评估机构', nameEn: 'Evaluation firm', channels: ['online'], rates: 'firm' },
];

type ItemRow = readonly [
  code: string,
  dimension: string,
  text: string,
  textEn: string,
  dk: number,
  shift: number,
];

const COMMENT_TEXT = '您对该单位还有哪些意见和建议？';
const COMMENT_EN = 'Any comments or suggestions for this agency?';

const ROWS: Record<GroupCode, { ratings: readonly ItemRow[]; comment: readonly [string, string, string] }> = {
  service: {
    ratings: [
      ['S1', '办事效率', '您对该单位办事效率的满意程度', 'Efficiency in handling your matter', 0.01, -0.05],
      ['S2', '服务态度', '您对工作人员服务态度的满意程度', "Staff's attitude", 0.01, 0.04],
      [
        'S3',
        '办事便捷',
        '办事流程是否简便、材料要求是否一次告知清楚',
        'Simple procedures; documents required stated once',
        0.02,
        -0.08,
      ],
      [
        'S4',
        '政务公开',
        '办事指南、政策信息公开是否及时准确',
        'Service guides and policy information: timely and accurate',
        0.06,
        -0.02,
      ],
      ['S5', '依法办事', '工作人员是否依法依规办事', 'Acting according to laws and rules', 0.04, 0.03],
      [
        'S6',
        '廉洁自律',
        '工作人员廉洁自律情况（无吃拿卡要）',
        'Integrity of the staff (no bribes, no obstruction)',
        0.08,
        0.08,
      ],
      ['S7', '服务环境', '服务场所环境与设施', 'Premises and facilities', 0.03, 0.02],
      [
        'S8',
        '总体满意度',
        '总体来说，您对该单位的服务是否满意',
        'Overall, how satisfied are you with the agency’s service?',
        0,
        0,
      ],
    ],
    comment: ['S9', COMMENT_TEXT, COMMENT_EN],
  },
  peer: {
    ratings: [
      ['P1', '工作配合', '与本单位的工作协作配合情况', 'Cooperation with your agency', 0.02, 0.02],
      ['P2', '工作效率', '工作效率与执行力', 'Efficiency and execution', 0.02, -0.02],
      ['P3', '作风建设', '机关作风与服务意识', 'Work style and service mindset', 0.02, 0],
      ['P4', '依法行政', '依法行政、依规履职情况', 'Acting according to law', 0.03, 0.02],
      ['P5', '创新创优', '创新创优、争先进位情况', 'Innovation and excellence', 0.04, -0.06],
      ['P6', '总体满意度', '对该单位年度工作的总体评价', "Overall assessment of the agency's year", 0, 0],
    ],
    comment: ['P7', '对该单位的意见建议', 'Comments on this agency'],
  },
  cadre: {
    ratings: [
      [
        'C1',
        '领导班子',
        '领导班子团结协作、民主决策情况',
        'Leadership team: unity and democratic decisions',
        0.01,
        0.04,
      ],
      ['C2', '作风建设', '单位作风建设情况', 'Work style of the agency', 0.01, 0],
      [
        'C3',
        '工作效能',
        '工作效能与年度目标任务完成情况',
        'Effectiveness and annual targets met',
        0.01,
        0.02,
      ],
      ['C4', '依法行政', '依法行政、规范履职情况', 'Acting according to law', 0.01, 0.02],
      ['C5', '廉政建设', '党风廉政建设情况', 'Integrity and anti-corruption work', 0.01, 0.05],
      ['C6', '队伍建设', '干部队伍建设与培养使用', 'Development and use of staff', 0.02, -0.08],
      ['C7', '内部管理', '内部管理与制度执行', 'Internal management and rules', 0.01, -0.04],
      ['C8', '总体满意度', '对本单位工作的总体满意程度', 'Overall satisfaction with your agency', 0, 0],
    ],
    comment: ['C9', '对本单位工作的意见建议', 'Comments or suggestions for your agency'],
  },
  public: {
    ratings: [
      ['G1', '服务质量', '该单位提供公共服务的质量', 'Quality of its public services', 0.06, -0.02],
      ['G2', '政务公开', '政务信息公开与政策解读', 'Openness and explanation of policies', 0.08, -0.04],
      ['G3', '作风形象', '机关作风与形象', 'Work style and image', 0.06, 0],
      ['G4', '依法办事', '依法行政、公正执法', 'Lawful and fair administration', 0.08, 0.02],
      ['G5', '廉洁自律', '廉洁自律情况', 'Integrity', 0.1, 0.02],
      ['G6', '工作成效', '为民办实事、工作成效', 'Results for the people', 0.06, -0.03],
      ['G7', '总体满意度', '对该单位的总体满意程度', 'Overall satisfaction with the agency', 0.02, 0],
    ],
    comment: ['G8', COMMENT_TEXT, COMMENT_EN],
  },
  firm: {
    ratings: [
      ['F1', '调查组织', '调查组织实施是否规范有序', 'Organisation of the survey', 0.02, 0.02],
      ['F2', '专业水平', '调查人员的专业水平与工作态度', 'Professionalism of the survey staff', 0.02, 0],
      [
        'F3',
        '总体满意度',
        '对第三方评估机构工作的总体满意程度',
        'Overall satisfaction with the evaluation firm',
        0,
        0,
      ],
    ],
    comment: ['F4', '对评估工作的意见建议', 'Comments on the evaluation work'],
  },
};

export const DEMO_ITEMS: readonly DemoItem[] = DEMO_GROUPS.flatMap(({ code: group }) => {
  const { ratings, comment } = ROWS[group];
  const rated = ratings.map(([code, dimension, text, textEn, dk, shift]): DemoItem => ({
    code,
    text,
    textEn,
    dimension,
    group,
    type: 'rating',
    dk,
    shift,
  }));
  const [code, text, textEn] = comment;
  return [...rated, { code, text, textEn, dimension: '意见建议', group, type: 'text', dk: 0, shift: 0 }];
});

/** The rating items of a group, in questionnaire order. */
export const ratingItems = (group: GroupCode): DemoItem[] =>
  DEMO_ITEMS.filter((it) => it.group === group && it.type === 'rating');

/** The open comment item of a group. */
export function commentItem(group: GroupCode): DemoItem {
  const it = DEMO_ITEMS.find((i) => i.group === group && i.type === 'text');
  if (!it) throw new Error(`no comment item for ${group}`);
  return it;
}

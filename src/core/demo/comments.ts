/**
 * Open comments (意见建议) for the demo: praise, complaints and suggestions in the words people
 * use, so that keyword extraction has recurring themes to find.
 */
import type { Rng } from '../random.js';

export const PRAISE: readonly string[] = [
  '办事效率高，当天就办好了',
  '工作人员态度热情，耐心解答问题',
  '窗口服务很规范，一次就办成了',
  '网上办理很方便，不用来回跑腿',
  '办事流程清晰，所需材料一次性告知',
  '工作人员业务熟练，政策解释得很清楚',
  '服务大厅环境整洁，秩序井然',
  '比以前快多了，点赞',
  '不见面审批节省了很多时间',
  '主动上门服务，很贴心',
  '咨询电话一打就通，答复及时',
  '总体很满意，希望继续保持',
  '帮办代办服务很周到',
  '容缺受理解决了我们企业的燃眉之急',
];

/** Complaints; each agency tends to draw a few of them again and again (its prominent problems). */
export const COMPLAINTS: readonly string[] = [
  '窗口排队时间长，等了一个多小时',
  '材料要求反复提交，来回跑了好几趟',
  '网上办理系统经常卡顿，提交不了',
  '咨询电话很难打通，一直没人接听',
  '办事指南写得不清楚，和窗口的说法不一致',
  '个别工作人员态度冷淡，问了也不耐烦',
  '审批时间太长，超过了承诺时限',
  '不同窗口说法不一样，让人无所适从',
  '停车不方便，大厅周边车位太少',
  '午休时间窗口不开，上班族办事难',
  '需要的证明材料太多，希望部门间数据共享',
  '网上预约号源太少，很难约到',
  '线上线下办理标准不统一',
  '办理进度查不到，只能反复打电话询问',
  '政策宣传不到位，很多事情不知道怎么办',
  '自助机经常故障，没人指导使用',
];

export const SUGGESTIONS: readonly string[] = [
  '建议增加周末和延时服务',
  '希望进一步精简材料，推行一网通办',
  '建议增加自助办理设备',
  '希望加强窗口工作人员业务培训',
  '建议公开办理进度，通过短信及时提醒',
  '建议优化网上办事系统，提高稳定性',
  '希望部门之间数据共享，减少重复提交材料',
  '建议在大厅增加引导人员',
  '希望政务信息公开更及时，政策解读更通俗',
];

export const CADRE_COMMENTS: readonly string[] = [
  '加强年轻干部培养，拓宽交流锻炼渠道',
  '会议和文件还是偏多，希望进一步精简',
  '考核指标过多，基层负担较重',
  '领导班子团结，单位工作氛围好',
  '希望完善激励机制，让干事者有舞台',
  '加班较多，希望优化工作安排',
  '内部审批流程可以进一步简化',
  '业务培训机会较少，希望多组织学习交流',
  '信息化建设滞后，办公系统经常卡顿',
];

export const PEER_COMMENTS: readonly string[] = [
  '工作配合积极主动，沟通顺畅',
  '协调事项落实较慢，需要多次催办',
  '数据共享方面还需加强',
  '创新举措较多，成效明显',
  '会签文件反馈不够及时',
  '服务基层意识强，有求必应',
  '牵头工作推进有力',
];

export const FIRM_COMMENTS: readonly string[] = [
  '调查组织规范，问卷设计合理',
  '问卷题目偏多，建议精简',
  '调查人员专业，沟通顺畅',
  '希望提前告知调查安排',
  '结果反馈可以更及时、更具体',
  '评估方法科学，结果客观公正',
];

/**
 * A comment from a respondent whose mean rating of the agency is `mean` (1..5). `themes` are
 * indices into COMPLAINTS that this agency is known for; they are picked most of the time.
 */
export function serviceComment(rng: Rng, mean: number, themes: readonly number[]): string {
  const complaint = (): string =>
    themes.length > 0 && rng.bool(0.6) ? (COMPLAINTS[rng.pick(themes)] as string) : rng.pick(COMPLAINTS);
  if (mean >= 4.5) return rng.bool(0.85) ? rng.pick(PRAISE) : rng.pick(SUGGESTIONS);
  if (mean >= 3.5) {
    const r = rng.next();
    if (r < 0.35) return rng.pick(PRAISE);
    if (r < 0.7) return rng.pick(SUGGESTIONS);
    return rng.bool(0.4) ? `${rng.pick(PRAISE)}，但${complaint()}` : complaint();
  }
  const c = complaint();
  return rng.bool(0.35) ? `${c}；${rng.pick(SUGGESTIONS)}` : c;
}

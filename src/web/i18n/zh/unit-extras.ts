/**
 * The console's Chinese texts: agency page example comments; data-quality drill-down values (wt-
 * unit-extras).
 */
export const unitExtras = {
  'unit.examples.pick': '按关键词查看意见',
  'unit.examples.allTag': '代表性意见',
  'unit.examples.all': '代表性意见（共 {n} 条可引用的意见）',
  'unit.examples.of': '含“{keyword}”的意见（共 {n} 条）',
  'unit.examples.none': '没有可引用的意见',
  'unit.examples.note':
    '点击关键词条形或上方的关键词查看含该词的意见。只引用本快照有效答卷的意见，电话号码、身份证号等数字已遮盖。',
  'quality.explain.title': '触发规则的数值',
  'quality.explain.loading': '正在核对这份答卷……',
  'quality.explain.basis': '按当前保存的答卷与配置核对',
  'quality.explain.changed':
    '按当前的答卷与配置核对，原因是“{reasons}”，与该快照不同：快照之后配置或数据可能有变化，请重新分析。',
  'quality.explain.none': '无',
  'quality.explain.duration': '答题时长 {d} 秒；{channel}最短时长 {min} 秒',
  'quality.explain.noDuration': '没有答题时长，不检查',
  'quality.explain.noMinimum': '答题时长 {d} 秒；{channel}没有设置最短时长',
  'quality.explain.required': '必答题：{items}',
  'quality.explain.missing': '{unit}：缺必答题 {items}',
  'quality.explain.firm': '第三方评估机构',
  'quality.explain.allAnswered': '所评价的每个单位都答了全部必答题',
  'quality.explain.duplicate': '与更早的答卷 {id}（提交于 {at}）受访者标识相同',
  'quality.explain.sharing': '同一评价群体中共 {n} 份答卷的受访者标识相同',
  'quality.explain.noKey': '没有受访者标识，不检查',
  'quality.explain.first': '同一受访者标识的答卷中，这是最早的一份',
  'quality.explain.straight': '{n} 道评分题全部选了 {value}（检查门槛 {min} 题）',
  'quality.explain.notStraight': '{n} 道评分题（检查门槛 {min} 题），分值不全相同或题数不足',
  'quality.explain.noStraightCheck': '配置未启用直线作答检查',
  'quality.explain.flagOnly': '按配置仅作提示，不计为无效',
  'quality.explain.submittedAt': '提交时间',
  'quality.explain.unknownTime': '时间未知',
} as const satisfies Record<string, string>;

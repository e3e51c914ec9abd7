/**
 * Chinese stop words for keyword extraction from open survey comments (开放题意见).
 *
 * Goal: keep words that name a *topic* (排队, 材料, 系统, 态度, 窗口, 效率 …) and drop words that
 * appear in any comment regardless of what it is about. Choices:
 *
 * - Dropped: pronouns and demonstratives, structural/aspect/modal particles, prepositions,
 *   conjunctions, degree/frequency/scope adverbs (很, 非常, 比较, 经常, 一直 …), light and modal
 *   verbs (是, 有, 能, 要, 进行 …), negations (没有, 不是 …), and opinion-framing verbs
 *   (希望, 建议, 觉得, 感觉 …) — they frame a comment but never say what it is about.
 * - Dropped, survey-generic: bare verdicts with no topic (满意, 不满意, 不错, 很好, 一般, 还行 …),
 *   placeholders (问题, 情况, 方面, 意见, 东西, 事情 …), vague quantities (几个, 很多 …),
 *   courtesy (谢谢, 感谢 …) and “nothing to add” answers (暂无, 没意见 …). Every agency gets
 *   them, so they would only add noise. Negation is lost with them (很不方便 → 方便): the
 *   keywords name topics, not sentiment.
 * - Kept on purpose: domain nouns and verbs even when frequent (办理, 办事, 工作人员, 时间, 服务,
 *   效率, 态度): they do carry information, and the cross-agency IDF already down-weights words
 *   that every agency shares. Informative adverb-like words (反复, 一次性, 太久) are kept too.
 * - A few English function words, compared in lower case (tokens are lower-cased first).
 *
 * Single characters, punctuation, digits and whitespace are filtered by rule in keywords.ts, so
 * the single-character entries below are only documentation / defence in depth.
 */

const PRONOUNS = `
我 你 您 他 她 它 我们 你们 您们 他们 她们 它们 咱 咱们 自己 自个儿 大家 别人 人家 本人 各位 某些 某个
这 那 这个 那个 这些 那些 这样 那样 这么 那么 这种 那种 这里 那里 这儿 那儿 这边 那边 此 其 该 本
哪 哪里 哪儿 哪个 哪些 哪样 什么 啥 怎么 怎样 怎么样 如何 为什么 为何 多少 几 谁
其他 其它 其余 其中 任何 每个 每次 所有 一切 各种 各个 有些 有的 某
`;

const PARTICLES = `
的 地 得 之 了 着 过 吗 呢 吧 啊 呀 哦 噢 嘛 哈 啦 嗯 哎 唉 呗 哟 喽 么 咯 嘞
等 等等 而已 罢了 似的 一样 之类 什么的 来说 而言
`;

const PREPOSITIONS_CONJUNCTIONS = `
在 从 自 自从 向 往 朝 对 对于 关于 至于 把 将 被 给 跟 和 同 与 及 以及 或 或者 或是 还是 而且 并且 并
但 但是 可是 不过 然而 只是 因为 由于 所以 因此 因而 于是 从而 如果 要是 假如 若 若是 即使 即便 虽然 虽
尽管 只要 只有 除了 除非 然后 而是 另外 此外 同时 通过 按照 根据 为了 为 以便 以免 以 而 则 即 就是 也就是
比如 例如 像 无论 不管 不论 否则 要么 还有 以及 甚至 何况 加上 连 于 以上 以下 之后 之前 以后 以前
`;

const ADVERBS = `
很 太 挺 真 蛮 更 最 好 非常 特别 比较 较 十分 极 极其 相当 格外 尤其 有点 有点儿 有些 一点 一点儿 一些 稍微 稍
越来越 越 还 也 都 就 才 又 再 已 已经 曾 曾经 正 正在 在于 一直 总 总是 始终 经常 常常 常 往往 时常 老是
有时 有时候 偶尔 一向 向来 从来 马上 立刻 一定 肯定 可能 也许 大概 或许 似乎 好像 确实 真的 的确 其实 实在
简直 根本 完全 全部 全都 基本 基本上 几乎 只 仅 仅仅 光 就是 一般来说 总之 反正 当然 毕竟 究竟 到底 终于
不 没 没有 别 不是 不要 不用 不会 不能 不太 不够 未 无 非 并不 并没有 还是 还要 还会 还有 而且
`;

const VERBS = `
是 有 能 能够 可以 可 会 要 想 想要 应该 应当 应 需要 需 必须 得到 让 使 使得 令 叫 做 搞 弄 进行 加以 给予 予以
觉得 感觉 感到 认为 以为 希望 建议 期望 期待 盼望 表示 知道 看到 看 说 讲 提 来 去 到 上 下 出 起来 出来 一下
`;

const SURVEY_GENERIC = `
满意 不满意 满意度 很满意 非常满意 比较满意 基本满意 一般 一般般 还行 还好 还可以 可以 不错 挺好 很好 较好 良好
好的 很棒 不好 很差 较差 差 好 行 没意见 没有意见 无意见 暂无 暂时没有 没什么 没啥 没有了 无 以上 如上 同上
问题 情况 方面 意见 看法 东西 事情 事 时候 地方 方式 方面 部分 整体 总体 总的来说 目前 现在 现时 今后 以后
几个 一个多 多个 两个 几次 许多 很多 好多 不少 一点点 不了 不到 得了
谢谢 感谢 辛苦 辛苦了 谢谢你们 继续 保持 继续保持 加油 希望 建议 一个 一次 一些 有点 一定 更加 进一步
`;

const ENGLISH = `
a an the and or but if of in on at to for from by with as is are was were be been it its this that these those
i you he she we they my your our their me us them not no yes so very too just also ok okay
`;

function words(list: string): string[] {
  return list.split(/\s+/u).filter((w) => w.length > 0);
}

/** Stop words, compared after NFKC normalization and lower-casing. */
export const STOPWORDS_ZH: ReadonlySet<string> = new Set([
  ...words(PRONOUNS),
  ...words(PARTICLES),
  ...words(PREPOSITIONS_CONJUNCTIONS),
  ...words(ADVERBS),
  ...words(VERBS),
  ...words(SURVEY_GENERIC),
  ...words(ENGLISH),
]);

export function isStopWord(word: string): boolean {
  return STOPWORDS_ZH.has(word);
}

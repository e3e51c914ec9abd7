/**
 * The console's English texts: a unit's results page, data quality and chart labels; one for every
 * key of zh/unit.ts.
 */
import type { unit as zh } from '../zh/unit';

export const unit: Record<keyof typeof zh, string> = {
  'unit.back': '← Back to the ranking',
  'unit.groups': 'Group scores',
  'unit.groups.aria': 'Group scores of {name} as bars with 95% CI whiskers; the table below has the numbers.',
  'unit.group': 'Group',
  'unit.groupScore': 'Score',
  'unit.groupLabel': 'n = {n}',
  'unit.nValid': 'Valid responses',
  'unit.nUsed': 'Responses used',
  'unit.satisfaction': 'Satisfaction rate',
  'unit.noGroups': 'No group scores',
  'unit.searchGroups': 'Search groups',
  'unit.items': 'Item diagnostics',
  'unit.items.intro':
    "Each item's score minus that item's mean over all agencies: red below the mean, green above. The chart shows the weakest items; the table lists them all.",
  'unit.items.aria':
    'The {n} weakest items of {name} against the all-agency mean; the table below has the numbers.',
  'unit.item': 'Item',
  'unit.n': 'n',
  'unit.itemScore': 'Score',
  'unit.itemMean': 'All-agency mean',
  'unit.diff': 'Difference from the mean',
  'unit.noItems': 'No item scores',
  'unit.searchItems': 'Search items or groups',
  'unit.keywords': 'Comment keywords',
  'unit.keywords.aria': 'Keywords in the comments on {name}, by frequency: {words}',
  'unit.keywordCount': 'Occurrences',
  'unit.noKeywords': 'No comment keywords',
  'unit.keywords.note': 'The 20 most frequent keywords.',
  'quality.title': 'Data quality',
  'quality.total': 'Responses',
  'quality.valid': 'Valid responses',
  'quality.invalid': 'Invalid responses',
  'quality.validRate': 'Valid share',
  'quality.byReason': 'Invalid responses by reason',
  'quality.byReason.aria': 'Invalid responses by reason: {text}',
  'quality.byChannel': 'Valid responses by channel',
  'quality.byChannel.aria': 'Valid responses by channel: {text}',
  'quality.count': 'Responses',
  'quality.validCount': 'Valid responses',
  'quality.flagged': '{n} more valid responses are flagged as straight-lining (a flag only, as configured).',
  'quality.invalidList': 'Invalid responses',
  'quality.responseId': 'Response id',
  'quality.reasons': 'Reasons',
  'quality.search': 'Search response id or reason',
  'quality.exportName': 'invalid-responses',
  'quality.why': 'Why',
  'quality.reading': 'Reading response validity: {read} / {total}',
  'quality.status': 'Status',
  'quality.status.valid': 'valid',
  'quality.status.invalid': 'invalid',
  'quality.drawer.title': 'Why response {id} is invalid',
  'quality.drawer.note':
    'The snapshot stores reason codes only; the values shown (duration, missing required items, the earlier duplicate, the straight-line value) are checked again by the server from the stored response and the current configuration.',
  'quality.reason.incomplete': 'Incomplete',
  'quality.reason.too_fast': 'Too fast',
  'quality.reason.duplicate': 'Duplicate',
  'quality.reason.straightline': 'Straight-lining',
  'quality.rule.incomplete':
    "For an agency it rated, a required item of its group has no answer (a “don't know” counts as an answer).",
  'quality.rule.too_fast':
    "Its duration is below the channel's minimum (minDurationSeconds in the configuration; a duration equal to the minimum is not too fast; responses without a duration are not checked).",
  'quality.rule.duplicate':
    'Another response of the same group has the same respondent key and came first (earlier submission; on a tie, the smaller response id).',
  'quality.rule.straightline':
    "Its rating answers other than “don't know” number at least straightlineMinItems and all have the same value. It makes the response invalid only when straightlineInvalid is configured.",
  'quality.channel.phone': 'Phone',
  'quality.channel.intercept': 'Intercept',
  'quality.channel.online': 'Online',
  'quality.channel.peer': 'Peer ballot',
  'chart.axisRange': '{name} (axis from {min} to {max})',
  'results.analyse': 'Start the analysis',
};

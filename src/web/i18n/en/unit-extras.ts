/**
 * The console's English texts: agency page example comments; data-quality drill-down values (wt-
 * unit-extras); one for every key of zh/unit-extras.ts.
 */
import type { unitExtras as zh } from '../zh/unit-extras';

export const unitExtras: Record<keyof typeof zh, string> = {
  'unit.examples.pick': 'Comments by keyword',
  'unit.examples.allTag': 'Representative',
  'unit.examples.all': 'Representative comments ({n} quotable comments)',
  'unit.examples.of': 'Comments containing “{keyword}” ({n})',
  'unit.examples.none': 'No quotable comments',
  'unit.examples.note':
    'Click a keyword bar or a keyword above to see the comments containing it. Only comments of valid responses of this snapshot are quoted; phone and ID numbers are masked.',
  'quality.explain.title': 'The values behind the rule',
  'quality.explain.loading': 'Checking this response…',
  'quality.explain.basis': 'Checked against the stored response and configuration now',
  'quality.explain.changed':
    "Checked against the stored data and configuration now, the reasons are “{reasons}”, not the snapshot's: the configuration or the data may have changed since; run the analysis again.",
  'quality.explain.none': 'none',
  'quality.explain.duration': 'Duration {d} s; the minimum for {channel} is {min} s',
  'quality.explain.noDuration': 'No duration: not checked',
  'quality.explain.noMinimum': 'Duration {d} s; {channel} has no minimum',
  'quality.explain.required': 'Required items: {items}',
  'quality.explain.missing': '{unit}: missing required items {items}',
  'quality.explain.firm': 'the evaluation firm',
  'quality.explain.allAnswered': 'Every rated agency has an answer to every required item',
  'quality.explain.duplicate': 'Same respondent key as the earlier response {id} (submitted {at})',
  'quality.explain.sharing': '{n} responses of the group share the respondent key',
  'quality.explain.noKey': 'No respondent key: not checked',
  'quality.explain.first': 'The earliest of the responses sharing its respondent key',
  'quality.explain.straight': 'All {n} ratings are {value} (the check needs {min})',
  'quality.explain.notStraight': '{n} ratings (the check needs {min}): not all the same, or too few',
  'quality.explain.noStraightCheck': 'The straight-line check is not configured',
  'quality.explain.flagOnly': 'Only a flag by the configuration: not invalid',
  'quality.explain.submittedAt': 'Submitted',
  'quality.explain.unknownTime': 'time unknown',
};

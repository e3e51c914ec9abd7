/**
 * The console's English texts: targets form editor (issue 9 item 4); one for every key of
 * zh/targets-sheet.ts.
 */
import type { targetsSheet as zh } from '../zh/targets-sheet';

export const targetsSheet: Record<keyof typeof zh, string> = {
  'targets.sheet.title': 'Edit the performance-target sheet',
  'targets.sheet.tab.project': 'Project',
  'targets.sheet.tab.funds': 'Funds',
  'targets.sheet.tab.plan': 'Plan and goals',
  'targets.sheet.tab.indicators': 'Indicators',
  'targets.sheet.tab.json': 'Advanced: JSON',
  'targets.sheet.unitCode': 'Agency code',
  'targets.sheet.manager': 'Project manager',
  'targets.sheet.contact': 'Contact',
  'targets.sheet.phone': 'Phone',
  'targets.sheet.amountUnit': 'Amount unit',
  'targets.sheet.basis': 'Basis',
  'targets.sheet.necessity': 'Necessity',
  'targets.sheet.safeguards': 'Safeguards',
  'targets.sheet.subAmount': 'Sub-project budget',
  'targets.sheet.addSub': 'Add a sub-project',
  'targets.sheet.addSource': 'Add a fund source',
  'targets.sheet.remove': 'Remove',
  'targets.sheet.previousYear': 'Previous year funds',
  'targets.sheet.py.budget': 'Previous budget',
  'targets.sheet.py.allocated': 'Previous allocated',
  'targets.sheet.py.spent': 'Previous spent',
  'targets.sheet.py.fundsArrivalRate': 'Previous funds arrival rate (fraction)',
  'targets.sheet.py.budgetExecutionRate': 'Previous budget execution rate (fraction)',
  'targets.sheet.indicatorsHint':
    'Indicators with unit “%” are typed as percent (95 means 95%) and stored as fractions. A qualitative indicator has no target number and cannot be bound to live data.',
  'targets.sheet.level2': 'Level 2',
  'targets.sheet.operator': 'Operator',
  'targets.sheet.qualitative': 'qualitative',
  'targets.sheet.targetNumber': 'Target (number)',
  'targets.sheet.unit': 'Unit',
  'targets.sheet.targetText': 'Target (text)',
  'targets.sheet.explanation': 'Explanation',
  'targets.sheet.dataSource': 'Data source',
  'targets.sheet.metric': 'Live metric',
  'targets.sheet.noMetric': 'none',
  'targets.sheet.up': 'Move up',
  'targets.sheet.down': 'Move down',
  'targets.sheet.addIndicator': 'Add an indicator',
  'targets.sheet.confirmSave': 'Save the sheet?',
  'targets.sheet.confirmSaveBody':
    'The whole sheet is replaced (expenditures stay); targets are compared anew.',
  'targets.sheet.discard': 'Discard unsaved changes?',
  'targets.sheet.discardBody': 'Your changes are lost when you close.',
  'targets.sheet.discardOk': 'Discard',
  'targets.sheet.errorAt': 'Field {field} is wrong and marked red; fix it and save again',
};

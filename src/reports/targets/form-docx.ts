/** The declaration form (绩效目标申报表) as a Word document, in the layout of form-layout.ts. */
import type { TargetSheet } from '../../core/targets.js';
import { declarationForm } from './form-layout.js';
import { rowsDocx } from './render.js';
import { FORM_WIDTHS } from './form-xlsx.js';

export function writeFormDocx(sheet: TargetSheet): Promise<Buffer> {
  return rowsDocx(declarationForm(sheet), FORM_WIDTHS);
}

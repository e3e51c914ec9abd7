/**
 * The console's English texts: one for every key of zh.ts, one module per zh/ module (each module's
 * type makes the compiler check it has exactly that module's keys, and this one that none is missing).
 */
import type { MessageKey } from './zh';
import { common } from './en/common';
import { accounts } from './en/accounts';
import { results } from './en/results';
import { unit } from './en/unit';
import { setup } from './en/setup';
import { progress } from './en/progress';
import { errors } from './en/errors';
import { rectification } from './en/rectification';
import { targets } from './en/targets';
import { unitExtras } from './en/unit-extras';
import { reports } from './en/reports';
import { imports } from './en/imports';
import { targetsSheet } from './en/targets-sheet';

export const en: Record<MessageKey, string> = {
  ...common,
  ...accounts,
  ...results,
  ...unit,
  ...setup,
  ...progress,
  ...errors,
  ...rectification,
  ...targets,
  ...unitExtras,
  ...reports,
  ...imports,
  ...targetsSheet,
};

/**
 * The console's Chinese texts: the source of every message key, one module per part of the console
 * under zh/. en.ts must give each key an English text (the compiler checks it). `{name}` placeholders
 * are filled by t(key, vars). Every error code of the catalog has a message (the `satisfies` makes
 * the compiler check it), and no key is in two modules (`Shared` makes the compiler check it).
 */
import type { ErrorCode } from '../../shared/errors.js';
import { common } from './zh/common';
import { accounts } from './zh/accounts';
import { results } from './zh/results';
import { unit } from './zh/unit';
import { setup } from './zh/setup';
import { progress } from './zh/progress';
import { errors } from './zh/errors';
import { rectification } from './zh/rectification';
import { targets } from './zh/targets';
import { unitExtras } from './zh/unit-extras';
import { reports } from './zh/reports';
import { imports } from './zh/imports';
import { targetsSheet } from './zh/targets-sheet';

/** the keys found in more than one of the modules, never when they are disjoint */
type Shared<T extends readonly object[], Seen = never> = T extends readonly [
  infer H,
  ...infer R extends readonly object[],
]
  ? (keyof H & Seen) | Shared<R, Seen | keyof H>
  : never;
type Modules = [
  typeof common,
  typeof accounts,
  typeof results,
  typeof unit,
  typeof setup,
  typeof progress,
  typeof errors,
  typeof rectification,
  typeof targets,
  typeof unitExtras,
  typeof reports,
  typeof imports,
  typeof targetsSheet,
];
/** fails to compile, naming the key, if two modules give the same key (a spread would hide it) */
type NoneShared<K extends never> = K;
type _Disjoint = NoneShared<Shared<Modules>>;

export const zh = {
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
} as const satisfies Record<`error.${ErrorCode}`, string> & Record<string, string>;

export type MessageKey = keyof typeof zh;

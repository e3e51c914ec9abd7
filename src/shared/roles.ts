/**
 * The roles of SPEC §2, shared by the server, the CLI and the web console. Respondents are not
 * accounts: they answer with a link, a token or a code.
 */
export const ROLES = ['admin', 'analyst', 'supervisor', 'interviewer', 'agency'] as const;
/** admin 编办 · analyst 评估机构 · supervisor 督导 · interviewer 访员 · agency 被考核单位 viewer */
export type Role = (typeof ROLES)[number];

/** Roles an API key may carry (a machine never acts as an interviewer or an agency). */
export const KEY_ROLES = ['admin', 'analyst', 'supervisor'] as const satisfies readonly Role[];
export type KeyRole = (typeof KEY_ROLES)[number];

/** Everyone but agency viewers: the people who run an assessment. */
export const STAFF_ROLES = [
  'admin',
  'analyst',
  'supervisor',
  'interviewer',
] as const satisfies readonly Role[];

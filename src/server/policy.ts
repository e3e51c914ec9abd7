/**
 * The one declared access policy: every route names its entry here by id (`config.policy`), a
 * route without one fails at registration (plugins/policy.ts), and one hook enforces it. The
 * table-driven test (test/server-policy.test.ts) walks this table × every role.
 *
 * - `access`: 'public' (anyone), 'signed-in' (any principal), or the roles allowed.
 * - `via: 'session'`: people only; API keys are refused (a key may not mint keys or users).
 * - `scope`: 'assessment' — the `:id` param must be the key's assessment (assessment-scoped
 *   keys) and contain the viewer's agency (agency viewers); 'agency' — in addition the `:unit`
 *   param must be the viewer's own agency.
 * - `beforePasswordChange`: reachable while a one-time password is still unchanged; every
 *   other route answers 403 KP_PASSWORD_CHANGE_REQUIRED until it is.
 */
import type { Role } from '../shared/roles.js';

export interface RoutePolicy {
  access: 'public' | 'signed-in' | readonly Role[];
  via?: 'session';
  scope?: 'assessment' | 'agency';
  beforePasswordChange?: true;
}

const ADMIN: readonly Role[] = ['admin'];
/**
 * Who reads and computes results (SPEC §2): the assessment office and the evaluation firm.
 * Supervisors and interviewers work the fieldwork and see no scores.
 */
const RESULTS_STAFF: readonly Role[] = ['admin', 'analyst'];
/** Who sets an assessment up (its agencies, later its weights and quotas): the office and the firm. */
const SETUP_STAFF: readonly Role[] = ['admin', 'analyst'];
/** Results staff, and agency viewers for their own agency (the services filter and embargo). */
const RESULTS_READERS: readonly Role[] = ['admin', 'analyst', 'agency'];
/** Who follows the fieldwork (实施进度): the office, the firm and its call-centre supervisors. */
const FIELDWORK_STAFF: readonly Role[] = ['admin', 'analyst', 'supervisor'];

export const POLICY = {
  'health.get': { access: 'public' },
  /** the console's index.html at / (the page then signs in through the API) */
  'home.get': { access: 'public' },
  /** index.html again for any other non-API GET path: the console's own routes, reloadable */
  'console.page': { access: 'public' },
  /** the console's built scripts and styles, registered by @fastify/static under /assets/ */
  'web.assets': { access: 'public' },
  'openapi.get': { access: 'public' },
  /** the Swagger UI pages and assets, registered by @fastify/swagger-ui under /api/docs */
  'docs.ui': { access: 'public' },
  'session.create': { access: 'public' },
  'session.get': { access: 'signed-in', via: 'session', beforePasswordChange: true },
  'session.delete': { access: 'signed-in', via: 'session', beforePasswordChange: true },
  'session.password': { access: 'signed-in', via: 'session', beforePasswordChange: true },
  'users.list': { access: ADMIN, via: 'session' },
  'users.create': { access: ADMIN, via: 'session' },
  'users.reset-password': { access: ADMIN, via: 'session' },
  'users.disable': { access: ADMIN, via: 'session' },
  'api-keys.list': { access: ADMIN, via: 'session' },
  'api-keys.create': { access: ADMIN, via: 'session' },
  'api-keys.revoke': { access: ADMIN, via: 'session' },
  'assessments.list': { access: 'signed-in' },
  'assessments.get': { access: 'signed-in', scope: 'assessment' },
  'units.get': { access: 'signed-in', scope: 'agency' },
  /** set-up: the agencies list, their import (dry run or real, audited) and the template */
  'units.list': { access: SETUP_STAFF, scope: 'assessment' },
  'units.import': { access: SETUP_STAFF, scope: 'assessment' },
  'units.template': { access: SETUP_STAFF },
  /**
   * set-up: the configuration (groups and weights, quotas, schedule windows). The firm reads it;
   * only the assessment office changes it (SPEC §2: admins set up weights), person or admin key.
   */
  'config.get': { access: SETUP_STAFF, scope: 'assessment' },
  'config.update': { access: ADMIN, scope: 'assessment' },
  /**
   * the audit log, admins only and people only: it records user administration and sign-ins
   * (with IPs), which analysts do not see (SPEC §2), and it spans assessments, which an
   * assessment-scoped key could not be held to
   */
  'audit.list': { access: ADMIN, via: 'session' },
  'analyses.start': { access: RESULTS_STAFF, scope: 'assessment' },
  /**
   * jobs: results staff, and supervisors, who follow their imports of phone cases; which jobs a
   * supervisor sees is decided per job (services/jobs/jobs.ts jobVisibleTo: phone-case imports only)
   */
  'jobs.list': { access: FIELDWORK_STAFF, scope: 'assessment' },
  'jobs.get': { access: FIELDWORK_STAFF, scope: 'assessment' },
  'jobs.retry': { access: RESULTS_STAFF, scope: 'assessment' },
  /** 数据导入 as a job: responses and scores by set-up staff (who also read the job) */
  'imports.start': { access: SETUP_STAFF, scope: 'assessment' },
  /** the phone sample (电话样本) also by supervisors, who manage it (SPEC §2) */
  'imports.cases': { access: FIELDWORK_STAFF, scope: 'assessment' },
  'events.stream': { access: FIELDWORK_STAFF, scope: 'assessment' },
  /** Word reports: generated by staff; an agency viewer downloads its own .docx once published */
  'reports.start': { access: RESULTS_STAFF, scope: 'assessment' },
  'reports.list': { access: RESULTS_READERS, scope: 'assessment' },
  'reports.file': { access: RESULTS_READERS, scope: 'assessment' },
  'reports.zip': { access: RESULTS_STAFF, scope: 'assessment' },
  'snapshots.list': { access: RESULTS_STAFF, scope: 'assessment' },
  'snapshots.get': { access: RESULTS_STAFF, scope: 'assessment' },
  'snapshots.table': { access: RESULTS_STAFF, scope: 'assessment' },
  /** the whole snapshot as results.xlsx: staff only (an agency sees its own rows, never the ranking) */
  'snapshots.workbook': { access: RESULTS_STAFF, scope: 'assessment' },
  /** a person publishes: the audit log names who graded the agencies */
  'snapshots.publish': { access: ADMIN, via: 'session', scope: 'assessment' },
  'results.published': { access: RESULTS_READERS, scope: 'assessment' },
  'results.unit': { access: RESULTS_READERS, scope: 'agency' },
  /** survey submissions: admin or analyst keys and people today; survey tokens join (plugins/auth.ts) */
  'responses.create': { access: ['admin', 'analyst'], scope: 'assessment' },
  /** rectification (整改): the office drafts and edits items, people or keys */
  'rectification.list': { access: RESULTS_STAFF, scope: 'assessment' },
  'rectification.suggest': { access: RESULTS_STAFF, scope: 'assessment' },
  'rectification.create': { access: RESULTS_STAFF, scope: 'assessment' },
  'rectification.update': { access: RESULTS_STAFF, scope: 'assessment' },
  'rectification.delete': { access: RESULTS_STAFF, scope: 'assessment' },
  /** a person judges an agency's answer: the audit log names who accepted or returned it */
  'rectification.accept': { access: RESULTS_STAFF, via: 'session', scope: 'assessment' },
  'rectification.return': { access: RESULTS_STAFF, via: 'session', scope: 'assessment' },
  /** one agency's items: staff any, the viewer its own after publication (the service's embargo) */
  'rectification.unit': { access: RESULTS_READERS, scope: 'agency' },
  'rectification.answer': { access: ['agency'], scope: 'agency' },
  /** 实施进度: the people who run the fieldwork (supervisors are not tied to assessments yet) */
  'progress.get': { access: FIELDWORK_STAFF, scope: 'assessment' },
  'progress.stream': { access: FIELDWORK_STAFF, scope: 'assessment' },
  /** 绩效目标: the sheet, live actuals and self-evaluation; expenditures and judgements (audited) */
  'targets.get': { access: RESULTS_STAFF, scope: 'assessment' },
  'targets.put': { access: RESULTS_STAFF, scope: 'assessment' },
  'targets.expenditures.add': { access: RESULTS_STAFF, scope: 'assessment' },
  'targets.expenditures.delete': { access: RESULTS_STAFF, scope: 'assessment' },
  'targets.judgement': { access: RESULTS_STAFF, scope: 'assessment' },
  'targets.file': { access: RESULTS_STAFF, scope: 'assessment' },
  /** 数据质量 drill-down: the values behind one response's validity (staff who read results) */
  'responses.validity': { access: RESULTS_STAFF, scope: 'assessment' },
} as const satisfies Record<string, RoutePolicy>;

export type RouteId = keyof typeof POLICY;

export const isRouteId = (s: unknown): s is RouteId => typeof s === 'string' && Object.hasOwn(POLICY, s);

/**
 * Routes that plugins register (and we cannot tag), by URL prefix. The policy plugin tags
 * them at registration; anything else without a policy id is refused.
 */
export const PLUGIN_ROUTES: readonly { prefix: string; policy: RouteId }[] = [
  { prefix: '/api/docs', policy: 'docs.ui' },
  { prefix: '/assets/', policy: 'web.assets' },
];

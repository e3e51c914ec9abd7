/**
 * The typed client of the HTTP API: the request and response types are the server's own
 * (src/shared/api, typebox Static<>), imported as types only, so nothing of typebox ships.
 * It keeps the session's CSRF token and sends it on every state-changing request; a lost
 * session tells the app (setSessionLostHandler), which then shows the sign-in page.
 */
import type { Static } from 'typebox';
import type { ApiKeyList, CreateApiKeyBody, CreatedApiKey, ApiKey } from '../../shared/api/api-keys.js';
import type { AssessmentDetail, AssessmentList } from '../../shared/api/assessments.js';
import type { AnalysisRequest, Job, JobList } from '../../shared/api/jobs.js';
import type { ReportFileList, ReportRequest } from '../../shared/api/reports.js';
import type { Problem } from '../../shared/api/problem.js';
import type { Progress } from '../../shared/api/progress.js';
import type { ResultTableName } from '../../shared/api/result-tables.js';
import type {
  Publication,
  SnapshotList,
  SnapshotMeta,
  TablePage,
  UnitResultsView,
} from '../../shared/api/results.js';
import type { UnitImportReport, UnitList } from '../../shared/api/units.js';
import type {
  AnswerBody,
  CreateRectificationBody,
  EditRectificationBody,
  NewRectificationItem,
  RectificationItem,
  RectificationList,
  RectificationSuggestion,
  RectificationSummary,
  SuggestionList,
} from '../../shared/api/rectification.js';
import type { ChangePasswordBody, SessionInfo, SignInBody } from '../../shared/api/session.js';
import type { CreateUserBody, User, UserList, UserWithPassword } from '../../shared/api/users.js';
import type { ErrorCode } from '../../shared/errors.js';
import type { AuditEntry, AuditPage, AuditQuery } from '../../shared/api/audit.js';
import type { ConfigUpdateResult } from '../../shared/api/config.js';
import type { AssessmentConfig } from '../../core/config.js';
import type { TargetFileName, TargetsResponse } from '../../shared/api/targets.js';
import type { ValidityExplanation } from '../../shared/api/quality.js';

export type {
  ApiKey,
  AssessmentDetail,
  Job,
  Problem,
  Progress,
  Publication,
  ResultTableName,
  SessionInfo,
  SnapshotMeta,
  TablePage,
  UnitImportReport,
  UnitResultsView,
  User,
  NewRectificationItem,
  RectificationItem,
  RectificationList,
  RectificationSuggestion,
  RectificationSummary,
  SuggestionList,
};
export type { TargetsResponse };
export type { ValidityExplanation };
export type ReportFile = ReportFileList['files'][number];
export type UnitRow = UnitList['units'][number];
export type { AssessmentConfig, AuditEntry, AuditPage, AuditQuery };
/** a configuration with its version (the server validates it with core/config.ts) */
export interface ConfigDoc {
  config: AssessmentConfig;
  updatedAt: string;
}
export type ConfigSaved = ConfigDoc & { changes: ConfigUpdateResult['changes'] };
export type AssessmentSummary = Static<typeof AssessmentList>['assessments'][number];

/** A problem+json answer (or a network failure: status 0, no problem). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? problem?.title ?? (status === 0 ? 'network error' : `HTTP ${status}`));
    this.name = 'ApiError';
  }

  get code(): ErrorCode | null {
    return (this.problem?.code as ErrorCode | undefined) ?? null;
  }
}

let csrfToken: string | null = null;
let onSessionLost: (why: 'signed-out' | 'password-change') => void = () => {};

/**
 * Called by the app: what to do when a call finds the session gone (401: it expired, or the
 * user was signed out elsewhere) or needing a password change (403 KP_PASSWORD_CHANGE_REQUIRED:
 * an admin reset the password meanwhile).
 */
export function setSessionLostHandler(f: (why: 'signed-out' | 'password-change') => void): void {
  onSessionLost = f;
}

function remember(s: SessionInfo): SessionInfo {
  csrfToken = s.csrfToken;
  return s;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A Blob body (an uploaded file) is sent as its bytes; anything else as JSON. */
async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const file = body instanceof Blob;
  if (body !== undefined) headers['content-type'] = file ? 'application/octet-stream' : 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let r: Response;
  try {
    r = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: file ? body : JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (r.status === 204) return undefined as T;
  const json: unknown = await r.json().catch(() => null);
  if (!r.ok) {
    const problem = json && typeof json === 'object' && 'code' in json ? (json as Problem) : null;
    const e = new ApiError(r.status, problem);
    if (r.status === 401 && path !== '/api/v1/session') {
      csrfToken = null;
      onSessionLost('signed-out');
    } else if (e.code === 'KP_PASSWORD_CHANGE_REQUIRED') onSessionLost('password-change');
    throw e;
  }
  return json as T;
}

export const api = {
  /** who is signed in; null when nobody is */
  whoAmI: async (): Promise<SessionInfo | null> => {
    try {
      return remember(await request<SessionInfo>('GET', '/api/v1/session'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  signIn: async (body: SignInBody): Promise<SessionInfo> => {
    return remember(await request<SessionInfo>('POST', '/api/v1/session', body));
  },
  signOut: async (): Promise<void> => {
    await request<void>('DELETE', '/api/v1/session');
    csrfToken = null;
  },
  changePassword: async (body: ChangePasswordBody): Promise<SessionInfo> => {
    return remember(await request<SessionInfo>('POST', '/api/v1/session/password', body));
  },
  assessments: async (): Promise<AssessmentSummary[]> => {
    return (await request<Static<typeof AssessmentList>>('GET', '/api/v1/assessments')).assessments;
  },
  assessment: (id: string) =>
    request<AssessmentDetail>('GET', `/api/v1/assessments/${encodeURIComponent(id)}`),
  users: async (): Promise<User[]> => {
    return (await request<Static<typeof UserList>>('GET', '/api/v1/users')).users;
  },
  createUser: (body: CreateUserBody) =>
    request<Static<typeof UserWithPassword>>('POST', '/api/v1/users', body),
  resetPassword: (name: string) =>
    request<Static<typeof UserWithPassword>>(
      'POST',
      `/api/v1/users/${encodeURIComponent(name)}/password-reset`,
    ),
  disableUser: (name: string) => request<User>('POST', `/api/v1/users/${encodeURIComponent(name)}/disable`),
  apiKeys: async (): Promise<ApiKey[]> => {
    return (await request<Static<typeof ApiKeyList>>('GET', '/api/v1/api-keys')).apiKeys;
  },
  createApiKey: (body: CreateApiKeyBody) =>
    request<Static<typeof CreatedApiKey>>('POST', '/api/v1/api-keys', body),
  revokeApiKey: (id: number) => request<ApiKey>('DELETE', `/api/v1/api-keys/${id}`),
  snapshots: async (id: string): Promise<SnapshotMeta[]> => {
    return (await request<SnapshotList>('GET', `${base(id)}/snapshots`)).snapshots;
  },
  snapshot: (id: string, sid: number) => request<SnapshotMeta>('GET', `${base(id)}/snapshots/${sid}`),
  /** one page of a §4.6 table of a snapshot (limit 1–5000) */
  snapshotTable: (id: string, sid: number, table: ResultTableName, offset = 0, limit = 5000) =>
    request<TablePage>('GET', `${base(id)}/snapshots/${sid}/tables/${table}?offset=${offset}&limit=${limit}`),
  publish: (id: string, sid: number) => request<Publication>('POST', `${base(id)}/snapshots/${sid}/publish`),
  startAnalysis: (id: string, body: AnalysisRequest) => request<Job>('POST', `${base(id)}/analyses`, body),
  job: (id: string, job: number) => request<Job>('GET', `${base(id)}/jobs/${job}`),
  /** the newest jobs of the assessment (数据导入 lists its imports) */
  jobs: async (id: string): Promise<Job[]> => (await request<JobList>('GET', `${base(id)}/jobs`)).jobs,
  /** 数据导入: the file as it is, imported by a background job */
  startImport: (id: string, what: 'responses' | 'cases' | 'scores', file: File) =>
    request<Job>('POST', `${base(id)}/imports/${what}?filename=${encodeURIComponent(file.name)}`, file),
  unitResults: (id: string, unit: string, snapshot: number | 'latest' | 'published' = 'latest') =>
    request<UnitResultsView>(
      'GET',
      `${base(id)}/units/${encodeURIComponent(unit)}/results?snapshot=${snapshot}`,
    ),
  units: async (id: string): Promise<UnitRow[]> => {
    return (await request<UnitList>('GET', `${base(id)}/units`)).units;
  },
  /** the agencies file as it is: dryRun lists every problem and stores nothing */
  importUnits: (id: string, file: File, dryRun: boolean) =>
    request<UnitImportReport>(
      'POST',
      `${base(id)}/units/import?dryRun=${dryRun}&filename=${encodeURIComponent(file.name)}`,
      file,
    ),
  /** the agencies template workbook (a plain link: the session cookie goes with it) */
  unitsTemplateUrl: '/api/v1/units-template.xlsx',
  config: (id: string) => request<ConfigDoc>('GET', `${base(id)}/config`),
  /** the whole edited configuration at the version read; a refused change is a 409 */
  saveConfig: (id: string, doc: ConfigDoc) => request<ConfigSaved>('PUT', `${base(id)}/config`, doc),
  audit: (q: AuditQuery) => {
    const qs = new URLSearchParams(
      Object.entries(q).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
    );
    return request<AuditPage>('GET', `/api/v1/audit?${qs.toString()}`);
  },
  /** a snapshot's results.xlsx (a plain link: the session cookie goes with it) */
  snapshotWorkbookUrl: (id: string, sid: number) => `${base(id)}/snapshots/${sid}/results.xlsx`,
  /** 绩效目标: the sheet, live actuals and self-evaluation; expenditures; hand judgements */
  targets: (id: string) => request<TargetsResponse>('GET', `${base(id)}/targets`),
  /** replaces the sheet (SPEC §4.8 JSON); stored expenditures stay unless it has "expenditures" */
  putTargets: (id: string, sheet: unknown) => request<TargetsResponse>('PUT', `${base(id)}/targets`, sheet),
  addExpenditure: (id: string, body: { date: string; subProject: string; amount: number; note: string }) =>
    request<TargetsResponse>('POST', `${base(id)}/targets/expenditures`, body),
  deleteExpenditure: (id: string, eid: number) =>
    request<TargetsResponse>('DELETE', `${base(id)}/targets/expenditures/${eid}`),
  judge: (
    id: string,
    indicator: string,
    body: {
      achieved?: boolean | null;
      score?: number | null;
      actual?: number | null;
      actualText?: string;
      reason: string;
    },
  ) =>
    request<TargetsResponse>('PUT', `${base(id)}/targets/judgements/${encodeURIComponent(indicator)}`, body),
  /** a plain link (the session cookie goes with it) */
  targetsFileUrl: (id: string, name: TargetFileName) => `${base(id)}/targets/files/${name}`,
  /** the URL of the live event stream (server-sent events) of an assessment */
  eventsUrl: (id: string) => `${base(id)}/events`,
  /** rectification (整改): the office's side */
  rectification: (id: string) => request<RectificationList>('GET', `${base(id)}/rectification`),
  rectificationSuggestions: (id: string, unit?: string) =>
    request<SuggestionList>(
      'GET',
      `${base(id)}/rectification/suggestions${unit ? `?unit=${encodeURIComponent(unit)}` : ''}`,
    ),
  createRectification: (id: string, body: CreateRectificationBody) =>
    request<{ items: RectificationItem[] }>('POST', `${base(id)}/rectification`, body),
  editRectification: (id: string, rid: number, body: EditRectificationBody) =>
    request<RectificationItem>('PUT', `${base(id)}/rectification/${rid}`, body),
  deleteRectification: (id: string, rid: number) =>
    request<undefined>('DELETE', `${base(id)}/rectification/${rid}`),
  reviewRectification: (id: string, rid: number, decision: 'accept' | 'return', note: string) =>
    request<RectificationItem>('POST', `${base(id)}/rectification/${rid}/${decision}`, note ? { note } : {}),
  /** rectification: the agency's side (its own agency, after publication) */
  unitRectification: (id: string, unit: string) =>
    request<RectificationList>('GET', `${base(id)}/units/${encodeURIComponent(unit)}/rectification`),
  answerRectification: (id: string, unit: string, rid: number, body: AnswerBody) =>
    request<RectificationItem>(
      'POST',
      `${base(id)}/units/${encodeURIComponent(unit)}/rectification/${rid}/answer`,
      body,
    ),
  /** 实施进度: fieldwork progress against the quotas */
  progress: (id: string) => request<Progress>('GET', `${base(id)}/progress`),
  /** the URL of the live progress stream (server-sent `progress` events) */
  progressEventsUrl: (id: string) => `${base(id)}/progress/events`,
  /** 数据质量: why one stored response is (in)valid, with the values the rules compared */
  responseValidity: (id: string, responseId: string) =>
    request<ValidityExplanation>('GET', `${base(id)}/responses/${encodeURIComponent(responseId)}/validity`),
  /** 报告: the assessment's jobs (newest first), the report job, the stored files */
  startReports: (id: string, body: ReportRequest) => request<Job>('POST', `${base(id)}/reports`, body),
  reports: (id: string) => request<ReportFileList>('GET', `${base(id)}/reports`),
  /** plain links (the session cookie goes with them) */
  reportFileUrl: (id: string, file: number) => `${base(id)}/reports/${file}`,
  reportsZipUrl: (id: string) => `${base(id)}/reports.zip`,
};

function base(id: string): string {
  return `/api/v1/assessments/${encodeURIComponent(id)}`;
}

/**
 * Who a request acts as: a person signed in with a session cookie, or a machine with an API key.
 * The server's policy decides from this alone; services use it to filter what is shown.
 */
import type { Role } from '../../shared/roles.js';

export interface SessionPrincipal {
  kind: 'session';
  userId: number;
  /** the user name, also the audit log's actor */
  name: string;
  role: Role;
  /** the agency of an agency viewer, null for everyone else */
  unitCode: string | null;
  mustChangePassword: boolean;
  /** SHA-256 of the cookie's token (the sessions table key) */
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
}

export interface ApiKeyPrincipal {
  kind: 'apikey';
  keyId: number;
  /** `apikey:kp_abcd`, the audit log's actor */
  name: string;
  role: Role;
  /** the only assessment this key may touch; null: every assessment */
  assessmentId: string | null;
}

export type Principal = SessionPrincipal | ApiKeyPrincipal;

/** The assessment a principal is confined to, if any (an assessment-scoped API key). */
export const confinedAssessment = (p: Principal): string | null =>
  p.kind === 'apikey' ? p.assessmentId : null;

/** The agency a principal is confined to, if any (an agency viewer). */
export const confinedUnit = (p: Principal): string | null => (p.kind === 'session' ? p.unitCode : null);

/**
 * What an API error tells a person: the Chinese (or English) message of its problem code,
 * saying what to do next, and the server's detail (which field, which row) underneath.
 */
import { ApiError } from '../api/client';
import type { Translate } from './i18n';

export interface ErrorText {
  message: string;
  detail: string | null;
}

export function problemText(t: Translate, e: unknown): ErrorText {
  if (!(e instanceof ApiError)) return { message: t('error.KP_INTERNAL'), detail: String(e) };
  if (e.status === 0) return { message: t('error.network'), detail: null };
  const code = e.code;
  if (!code) return { message: t('error.KP_INTERNAL'), detail: `HTTP ${e.status}` };
  const p = e.problem;
  const minutes = Math.max(1, Math.ceil((p?.retryAfter ?? 60) / 60));
  const message = t(`error.${code}`, { minutes });
  // The detail repeats the message for a wrong password; elsewhere it names the field or row.
  const detail = code === 'KP_BAD_CREDENTIALS' || code === 'KP_SIGN_IN_LOCKED' ? null : (p?.detail ?? null);
  return { message, detail: detail ? t('error.detail', { detail }) : null };
}

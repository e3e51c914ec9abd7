/**
 * The console's English texts: the not-found page and the error messages, one for every error code
 * of the catalog; one for every key of zh/errors.ts.
 */
import type { errors as zh } from '../zh/errors';

export const errors: Record<keyof typeof zh, string> = {
  'notFound.text': 'There is no such page. Choose one from the menu on the left.',
  'error.network': 'Cannot reach the server. Check the network or whether the server runs, then retry.',
  'error.detail': 'Details: {detail}',
  'error.KP_BAD_ARGUMENT': 'A bad argument; check the input and retry.',
  'error.KP_MALFORMED_BODY': 'A malformed request; reload the page and retry.',
  'error.KP_BAD_REQUEST': 'A bad request; check the input and retry.',
  'error.KP_UNAUTHENTICATED': 'Your session has ended; sign in again.',
  'error.KP_BAD_CREDENTIALS':
    'Wrong user name or password. Check and retry; after repeated failures the name is locked for a while.',
  'error.KP_FORBIDDEN': 'Your role may not do this. Ask an administrator if you need it.',
  'error.KP_EMBARGO': 'The results are not published yet. They appear here once they are.',
  'error.KP_CSRF': 'The page is out of date; reload it and retry.',
  'error.KP_PASSWORD_CHANGE_REQUIRED': 'Change your one-time password first.',
  'error.KP_NOT_FOUND': 'It does not exist (any more). Reload the list.',
  'error.KP_CONFLICT': 'This conflicts with the current state (e.g. the name exists). Change it and retry.',
  'error.KP_PAYLOAD_TOO_LARGE': 'Too large; make it smaller and retry.',
  'error.KP_UNSUPPORTED_MEDIA_TYPE': 'This file or content type is not supported.',
  'error.KP_VALIDATION': 'The input does not meet the rules; correct it as shown.',
  'error.KP_SIGN_IN_LOCKED':
    'Too many failed sign-ins: the name is locked. Retry in {minutes} minutes, or ask an administrator to reset the password.',
  'error.KP_RATE_LIMITED': 'Too many requests; wait a moment and retry.',
  'error.KP_IMPORT_BAD_FILE': 'The file cannot be read; check its format and upload it again.',
  'error.KP_IMPORT_BAD_ROW': 'The file has a bad row; correct it as shown and upload it again.',
  'error.KP_CONFIG_INVALID': 'The assessment configuration is invalid; correct it as shown.',
  'error.KP_CONFIG_CHANGE_REFUSED': 'Refused: this change would invalidate stored answers.',
  'error.KP_BACKUP_INVALID': 'The backup file is invalid.',
  'error.KP_INTERNAL':
    'Internal server error. Retry later; if it persists, ask an administrator to check the server log.',
};

/** The console's English texts: users and API keys; one for every key of zh/accounts.ts. */
import type { accounts as zh } from '../zh/accounts';

export const accounts: Record<keyof typeof zh, string> = {
  'users.name': 'User name',
  'users.role': 'Role',
  'users.unit': 'Agency code',
  'users.status': 'Status',
  'users.createdAt': 'Created',
  'users.status.active': 'Active',
  'users.status.mustChange': 'One-time password not yet changed',
  'users.status.disabled': 'Disabled',
  'users.search': 'Search user name or agency',
  'users.create': 'New user',
  'users.create.title': 'New user',
  'users.create.submit': 'Create',
  'users.name.rule': '2–64 characters',
  'users.unit.help': 'For agency viewers only: their agency code',
  'users.unit.required': 'Enter the agency code',
  'users.created.title': 'User {name} created',
  'users.otp.intro':
    'The one-time password is shown only now. Copy it and hand it to {name} safely; it must be changed at the first sign-in.',
  'users.otp.label': 'One-time password',
  'users.reset': 'Reset password',
  'users.reset.confirm':
    'Reset the password of {name}? They are signed out everywhere and get a new one-time password.',
  'users.reset.title': 'New one-time password of {name}',
  'users.disable': 'Disable',
  'users.disable.confirm':
    'Disable {name}? They can no longer sign in and their sessions end now. This cannot be undone in the console.',
  'users.disabled.done': 'User {name} disabled',
  'apiKeys.id': 'ID',
  'apiKeys.prefix': 'Key prefix',
  'apiKeys.role': 'Role',
  'apiKeys.assessment': 'Only assessment',
  'apiKeys.assessment.all': 'All assessments',
  'apiKeys.createdAt': 'Created',
  'apiKeys.status': 'Status',
  'apiKeys.status.active': 'Active',
  'apiKeys.status.revoked': 'Revoked ({at})',
  'apiKeys.search': 'Search prefix, role or assessment',
  'apiKeys.create': 'New API key',
  'apiKeys.create.submit': 'Create',
  'apiKeys.created.title': 'API key created',
  'apiKeys.created.intro':
    'The key is shown only now and cannot be seen again. Copy it to a safe place; send it as Authorization: Bearer.',
  'apiKeys.key': 'API key',
  'apiKeys.revoke': 'Revoke',
  'apiKeys.revoke.confirm':
    'Revoke key {prefix}…? Programs using it are refused at once. This cannot be undone.',
  'apiKeys.revoked.done': 'Key {prefix}… revoked',
};

import { Alert } from 'antd';
import { useI18n } from '../i18n/i18n';
import { problemText } from '../i18n/problem-text';

/** An API error as an alert a screen reader announces: what happened, what to do, the detail. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (error === null || error === undefined) return null;
  const { message, detail } = problemText(t, error);
  return <Alert role="alert" type="error" showIcon title={message} description={detail ?? undefined} />;
}

/** The status tags of rectification items (待反馈 / 已反馈 / 已通过 / 退回), one colour each. */
import { Tag } from 'antd';
import type { RectificationItem } from '../api/client';
import type { Translate } from '../i18n/i18n';

export type Status = RectificationItem['status'];
export const STATUSES: readonly Status[] = ['open', 'answered', 'accepted', 'returned'];
const COLOR: Record<Status, string> = { open: 'gold', answered: 'blue', accepted: 'green', returned: 'red' };

export const statusText = (t: Translate, s: Status) => t(`rect.status.${s}`);

export function StatusTag({ t, status }: { t: Translate; status: Status }) {
  return (
    <Tag color={COLOR[status]} data-testid="rect-status">
      {statusText(t, status)}
    </Tag>
  );
}

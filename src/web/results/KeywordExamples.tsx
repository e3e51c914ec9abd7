/**
 * 代表性意见 under the keyword bars of an agency page: the keywords as buttons (the bars pick them
 * too), and the representative comments containing the picked keyword — or the agency's most
 * representative comments before one is picked. A tag names the keyword only: the bars count its
 * occurrences, the list's title how many comments contain it. The server quotes valid responses of the
 * snapshot only, personal data masked (services/results/unit-extras.ts); React prints a
 * comment's HTML as text.
 */
import { Empty, List, Space, Tag, Typography } from 'antd';
import type { UnitResultsView } from '../api/client';
import { useI18n } from '../i18n/i18n';

type Comments = NonNullable<UnitResultsView['unit']['comments']>;

export function KeywordExamples(props: {
  comments: Comments;
  picked: string | null;
  onPick: (keyword: string | null) => void;
}) {
  const { t } = useI18n();
  const { comments, picked } = props;
  const entry = picked === null ? undefined : comments.keywords.find((k) => k.keyword === picked);
  const shown = entry ? entry.comments : comments.representative;
  const title = entry
    ? t('unit.examples.of', { keyword: entry.keyword, n: entry.total })
    : t('unit.examples.all', { n: comments.total });
  return (
    <div data-testid="keyword-examples" style={{ marginTop: 8 }}>
      <Space size={[4, 8]} wrap role="group" aria-label={t('unit.examples.pick')}>
        <Tag.CheckableTag checked={picked === null} onChange={() => props.onPick(null)}>
          {t('unit.examples.allTag')}
        </Tag.CheckableTag>
        {comments.keywords.map((k) => (
          <Tag.CheckableTag
            key={k.keyword}
            checked={picked === k.keyword}
            onChange={(on) => props.onPick(on ? k.keyword : null)}
          >
            {k.keyword}
          </Tag.CheckableTag>
        ))}
      </Space>
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {title}
      </Typography.Title>
      {shown.length ? (
        <List
          size="small"
          bordered
          dataSource={shown}
          renderItem={(c) => (
            <List.Item data-testid="example-comment">
              <Typography.Text>{c}</Typography.Text>
            </List.Item>
          )}
        />
      ) : (
        <Empty description={t('unit.examples.none')} />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('unit.examples.note')}
      </Typography.Paragraph>
    </div>
  );
}

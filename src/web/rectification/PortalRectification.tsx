/**
 * 整改清单 on the agency portal: the office's items for this agency, each with its status and the
 * office's review note; the viewer answers an item (open, answered not yet reviewed, or returned)
 * with its measures and a due date. Shown once the results are published (the server answers
 * KP_EMBARGO before, and the page then shows its embargo state instead of this section).
 */
import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, Space, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback } from 'react';
import { api, type RectificationItem } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { useLoad } from '../hooks/useLoad';
import { useI18n } from '../i18n/i18n';
import { StatusTag } from './status';
import { useAction } from '../hooks/useAction';

function AnswerForm(props: {
  assessmentId: string;
  unit: string;
  item: RectificationItem;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { item } = props;
  const [form] = Form.useForm<{ measures: string; dueDate: Dayjs | null }>();
  const { busy, error, run } = useAction();
  const submit = async (v: { measures: string; dueDate: Dayjs | null }) => {
    await run(async () => {
      await api.answerRectification(props.assessmentId, props.unit, item.id, {
        measures: v.measures.trim(),
        dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : '',
      });
      void message.success(t('rect.portal.submitted'));
      props.onSaved();
    });
  };
  return (
    <Form
      form={form}
      // a name per item: the fields' ids (and so their labels) are unique on the page
      name={`rect-answer-${item.id}`}
      layout="vertical"
      onFinish={(v) => void submit(v)}
      initialValues={{ measures: item.measures ?? '', dueDate: item.dueDate ? dayjs(item.dueDate) : null }}
    >
      <ErrorAlert error={error} />
      <Form.Item
        name="measures"
        label={t('rect.measures')}
        rules={[{ required: true, whitespace: true, message: t('rect.portal.measuresRequired') }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} />
      </Form.Item>
      <Form.Item
        name="dueDate"
        label={t('rect.dueDate')}
        rules={[{ required: true, message: t('rect.portal.dueRequired') }]}
      >
        <DatePicker format="YYYY-MM-DD" style={{ width: 200 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t(item.status === 'open' ? 'rect.portal.submit' : 'rect.portal.resubmit')}
      </Button>
    </Form>
  );
}

function ItemCard(props: {
  assessmentId: string;
  unit: string;
  item: RectificationItem;
  onSaved: () => void;
}) {
  const { t, date } = useI18n();
  const { item } = props;
  return (
    <Card
      size="small"
      data-testid="portal-rect-item"
      title={
        <Space wrap>
          <StatusTag t={t} status={item.status} />
          <span>{item.title}</span>
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {item.basis && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('rect.basis')}：{item.basis}
          </Typography.Paragraph>
        )}
        {item.status === 'returned' && (
          <Alert
            type="warning"
            showIcon
            title={t('rect.portal.returnedNote', { note: item.reviewNote ?? '' })}
          />
        )}
        {item.status === 'accepted' && (
          <Alert
            type="success"
            showIcon
            title={t('rect.portal.acceptedNote')}
            description={item.reviewNote ?? undefined}
          />
        )}
        {item.status === 'answered' && (
          <Alert
            type="info"
            showIcon
            title={t('rect.portal.submitted')}
            description={item.reviewNote ? t('rect.portal.lastNote', { note: item.reviewNote }) : undefined}
          />
        )}
        {item.answeredAt && (
          <Typography.Text type="secondary">
            {t('rect.portal.answeredAt', { date: date(item.answeredAt) })}
          </Typography.Text>
        )}
        {item.status === 'accepted' ? (
          <>
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              {t('rect.measures')}：{item.measures}
            </Typography.Paragraph>
            <Typography.Text>
              {t('rect.dueDate')}：{item.dueDate}
            </Typography.Text>
          </>
        ) : (
          <AnswerForm {...props} />
        )}
      </Space>
    </Card>
  );
}

export function PortalRectification(props: { assessmentId: string; unit: string }) {
  const { t } = useI18n();
  const { assessmentId, unit } = props;
  const list = useLoad(useCallback(() => api.unitRectification(assessmentId, unit), [assessmentId, unit]));
  const s = list.data?.summary[0];
  return (
    <Card title={t('rect.portal.title')} data-testid="portal-rectification">
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t('rect.portal.intro')}</Typography.Paragraph>
        <ErrorAlert error={list.error} />
        {!list.data && !list.error && <Spin />}
        {s && s.total > 0 && (
          <Typography.Text strong data-testid="portal-rect-count">
            {t('rect.portal.count', { ...s })}
          </Typography.Text>
        )}
        {list.data && list.data.items.length === 0 && <Empty description={t('rect.portal.empty')} />}
        {list.data?.items.map((item) => (
          <ItemCard key={item.id} assessmentId={assessmentId} unit={unit} item={item} onSaved={list.reload} />
        ))}
      </Space>
    </Card>
  );
}

/** The office's dialogs: add or edit an item (agency, title, basis), and review an answer with a note. */
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { api, type RectificationItem } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n } from '../i18n/i18n';
import { useAction } from '../hooks/useAction';

/** Add (item undefined) or edit an item. */
export function ItemDialog(props: {
  assessmentId: string;
  item: RectificationItem | undefined;
  units: { code: string; name: string }[];
  defaultUnit: string | undefined;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ unitCode: string; title: string; basis: string }>();
  const { busy, error, run } = useAction();
  const { item } = props;

  const save = async () => {
    const v = await form.validateFields();
    await run(async () => {
      if (item)
        await api.editRectification(props.assessmentId, item.id, { title: v.title, basis: v.basis ?? '' });
      else
        await api.createRectification(props.assessmentId, {
          items: [{ unitCode: v.unitCode, title: v.title, basis: v.basis ?? '', source: 'manual' }],
        });
      void message.success(t('rect.saved'));
      props.onClose(true);
    });
  };

  return (
    <Modal
      open
      title={t(item ? 'rect.edit.title' : 'rect.add.title')}
      okText={t('rect.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy }}
      onOk={() => void save().catch(() => undefined)}
      onCancel={() => props.onClose(false)}
    >
      <ErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          unitCode: item?.unitCode ?? props.defaultUnit,
          title: item?.title ?? '',
          basis: item?.basis ?? '',
        }}
      >
        {item ? (
          <Typography.Paragraph>
            {t('rect.unit')}：{item.unitName}
          </Typography.Paragraph>
        ) : (
          <Form.Item
            name="unitCode"
            label={t('rect.unit')}
            rules={[{ required: true, message: t('rect.unitRequired') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={props.units.map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="title"
          label={t('rect.title')}
          rules={[{ required: true, whitespace: true, message: t('rect.titleRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="basis" label={t('rect.basis')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Accept or return an answered item; a return needs a note. */
export function ReviewDialog(props: {
  assessmentId: string;
  item: RectificationItem;
  decision: 'accept' | 'return';
  onClose: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const { busy, error, run } = useAction();
  const { item, decision } = props;

  const save = async () => {
    const v = await form.validateFields();
    await run(async () => {
      await api.reviewRectification(props.assessmentId, item.id, decision, (v.note ?? '').trim());
      void message.success(t(`rect.review.done.${decision}`));
      props.onClose(true);
    });
  };

  return (
    <Modal
      open
      title={t(`rect.review.${decision}`, { title: item.title })}
      okText={t(decision === 'accept' ? 'rect.accept' : 'rect.return')}
      okButtonProps={{ loading: busy, danger: decision === 'return' }}
      cancelText={t('common.cancel')}
      onOk={() => void save().catch(() => undefined)}
      onCancel={() => props.onClose(false)}
    >
      <ErrorAlert error={error} />
      <Typography.Paragraph>
        <Typography.Text type="secondary">{t('rect.measures')}：</Typography.Text>
        {item.measures}
      </Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text type="secondary">{t('rect.dueDate')}：</Typography.Text>
        {item.dueDate}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ note: '' }}>
        <Form.Item
          name="note"
          label={t('rect.review.note')}
          rules={
            decision === 'return'
              ? [{ required: true, whitespace: true, message: t('rect.review.noteRequired') }]
              : []
          }
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

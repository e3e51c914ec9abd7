/** 人工评定 of one indicator: achieved or not, the share of its points, the actual as text, a reason. */
import { Form, Input, InputNumber, Modal, Switch } from 'antd';
import { api, type TargetsResponse } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n } from '../i18n/i18n';
import type { IndicatorResult } from '../../core/targets-evaluation.js';
import { useAction } from '../hooks/useAction';

interface Fields {
  achieved: boolean;
  score: number;
  actualText?: string;
  reason: string;
}

export function JudgeModal(props: {
  id: string;
  indicator: IndicatorResult;
  onClose: () => void;
  onSaved: (d: TargetsResponse) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Fields>();
  const { busy, error, run } = useAction();
  const i = props.indicator;
  const save = async (f: Fields) => {
    await run(async () => {
      const d = await api.judge(props.id, i.name, {
        achieved: f.achieved,
        score: f.score / 100,
        actualText: f.actualText ?? '',
        reason: f.reason,
      });
      props.onSaved(d);
    });
  };
  return (
    <Modal
      open
      title={t('targets.judge.title', { name: i.name })}
      okText={t('targets.judge.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={props.onClose}
      onOk={() => form.submit()}
    >
      <ErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(f) => void save(f)}
        initialValues={{
          achieved: i.achieved ?? true,
          score: i.score === null || i.weight === 0 ? 100 : Math.round((i.score / i.weight) * 100),
          actualText: i.actualText,
          reason: i.reason,
        }}
      >
        <Form.Item name="achieved" label={t('targets.judge.achieved')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="score" label={t('targets.judge.score')} rules={[{ required: true }]}>
          <InputNumber min={0} max={100} addonAfter="%" />
        </Form.Item>
        <Form.Item name="actualText" label={t('targets.judge.actual')}>
          <Input placeholder={i.targetText} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('targets.judge.reason')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

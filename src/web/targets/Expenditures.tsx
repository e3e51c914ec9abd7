/** 支出记录: the expenditures against sub-projects, with add and delete (delete asks first). */
import { App, Button, DatePicker, Form, Input, InputNumber, Popconfirm, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, type TargetsResponse } from '../api/client';
import { DataTable, type Column } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n } from '../i18n/i18n';
import { money, pct } from './format';
import { useAction } from '../hooks/useAction';

type Row = TargetsResponse['expenditures'][number];

interface Fields {
  date: Dayjs;
  subProject: string;
  amount: number;
  note?: string;
}

export function Expenditures(props: {
  id: string;
  data: TargetsResponse;
  onChange: (d: TargetsResponse) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const { busy, error, setError, run } = useAction();
  const unit = props.data.sheet.project.amountUnit;
  const whole = t('targets.exp.whole');
  const columns: Column<Row>[] = [
    { key: 'date', title: t('targets.exp.date'), value: (e) => e.date, sortable: true, width: 120 },
    { key: 'sub', title: t('targets.subProject'), value: (e) => e.subProject || whole, sortable: true },
    {
      key: 'amount',
      title: t('targets.exp.amount', { unit }),
      value: (e) => e.amount,
      render: (e) => money(e.amount),
      sortable: true,
      width: 140,
    },
    { key: 'note', title: t('targets.exp.note'), value: (e) => e.note },
  ];
  const add = async (f: Fields) => {
    await run(async () => {
      const body = {
        date: f.date.format('YYYY-MM-DD'),
        subProject: f.subProject,
        amount: f.amount,
        note: f.note ?? '',
      };
      props.onChange(await api.addExpenditure(props.id, body));
      form.resetFields();
      void message.success(t('targets.exp.added'));
    });
  };
  const remove = async (e: Row) => {
    try {
      props.onChange(await api.deleteExpenditure(props.id, e.id));
      void message.success(t('targets.exp.deleted'));
    } catch (err) {
      setError(err);
    }
  };
  const d = props.data;
  return (
    <section aria-label={t('targets.expenditures')}>
      <h2 style={{ fontSize: 16 }}>{t('targets.expenditures')}</h2>
      <p>
        {t('targets.exp.budget', {
          budget: money(d.budget),
          spent: money(d.spent),
          rate: pct(d.live.budget_execution_rate),
        })}
      </p>
      <ErrorAlert error={error} />
      <Form
        form={form}
        layout="inline"
        onFinish={(f) => void add(f)}
        style={{ marginBottom: 12 }}
        initialValues={{ subProject: '' }}
      >
        <Form.Item name="date" label={t('targets.exp.date')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="subProject" label={t('targets.subProject')}>
          <Select
            style={{ minWidth: 200 }}
            options={[
              { value: '', label: whole },
              ...d.sheet.project.subProjects.map((s) => ({ value: s.name, label: s.name })),
            ]}
          />
        </Form.Item>
        <Form.Item name="amount" label={t('targets.exp.amount', { unit })} rules={[{ required: true }]}>
          <InputNumber step={0.01} />
        </Form.Item>
        <Form.Item name="note" label={t('targets.exp.note')}>
          <Input />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('targets.exp.add')}
          </Button>
        </Form.Item>
      </Form>
      <DataTable
        rows={d.expenditures}
        columns={columns}
        rowKey={(e) => String(e.id)}
        exportName={t('targets.expenditures')}
        searchPlaceholder={t('targets.exp.search')}
        label={t('targets.expenditures')}
        pageSize={10}
        actions={{
          title: t('common.actions'),
          render: (e) => (
            <Space>
              <Popconfirm
                title={t('targets.exp.deleteConfirm', { date: e.date, amount: money(e.amount) })}
                onConfirm={() => void remove(e)}
                okText={t('targets.exp.delete')}
                cancelText={t('common.cancel')}
              >
                <Button danger size="small">
                  {t('targets.exp.delete')}
                </Button>
              </Popconfirm>
            </Space>
          ),
        }}
      />
    </section>
  );
}

/** API 密钥 (admins): the keys; create one (the key shown once, with a copy button), revoke one. */
import { App, Button, Form, Popconfirm, Select, Space, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { api, type ApiKey } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { SecretCreateModal, SecretOnce } from '../../components/SecretOnce';
import { useLoad } from '../../hooks/useLoad';
import { useI18n } from '../../i18n/i18n';
import { KEY_ROLES, type KeyRole } from '../../../shared/roles.js';
import { useAction } from '../../hooks/useAction';

interface NewKey {
  role: KeyRole;
  assessmentId: string;
}
const ALL = '';

function CreateKeyDialog({ open, onClose }: { open: boolean; onClose: (created: boolean) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<NewKey>();
  const assessments = useLoad(useCallback(() => (open ? api.assessments() : Promise.resolve([])), [open]));
  const { busy, error, setError, run } = useAction();
  const [key, setKey] = useState<string | null>(null);
  const close = () => {
    form.resetFields();
    setError(null);
    setKey(null);
    onClose(key !== null);
  };
  const submit = async (f: NewKey) => {
    await run(async () => {
      const r = await api.createApiKey({
        role: f.role,
        assessmentId: f.assessmentId === ALL ? null : f.assessmentId,
      });
      setKey(r.key);
    });
  };
  return (
    <SecretCreateModal
      open={open}
      title={key ? t('apiKeys.created.title') : t('apiKeys.create')}
      secret={
        key ? <SecretOnce label={t('apiKeys.key')} intro={t('apiKeys.created.intro')} secret={key} /> : null
      }
      busy={busy}
      submitLabel={t('apiKeys.create.submit')}
      onSubmit={() => form.submit()}
      onClose={close}
    >
      <Form<NewKey>
        form={form}
        layout="vertical"
        name="create-api-key"
        initialValues={{ role: 'analyst', assessmentId: ALL }}
        onFinish={(f) => void submit(f)}
      >
        <Form.Item label={t('apiKeys.role')} name="role" rules={[{ required: true }]}>
          <Select options={KEY_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        <Form.Item label={t('apiKeys.assessment')} name="assessmentId">
          <Select
            loading={assessments.data === undefined}
            options={[
              { value: ALL, label: t('apiKeys.assessment.all') },
              ...(assessments.data ?? []).map((a) => ({ value: a.id, label: `${a.name}（${a.id}）` })),
            ]}
          />
        </Form.Item>
        <ErrorAlert error={error ?? assessments.error} />
      </Form>
    </SecretCreateModal>
  );
}

export default function ApiKeysPage() {
  const { t, date } = useI18n();
  const { message } = App.useApp();
  const { data, error, reload } = useLoad(api.apiKeys);
  const [creating, setCreating] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);

  const revoke = async (k: ApiKey) => {
    setActionError(null);
    try {
      await api.revokeApiKey(k.id);
      void message.success(t('apiKeys.revoked.done', { prefix: k.prefix }));
    } catch (e) {
      setActionError(e);
    }
    reload();
  };
  const columns: Column<ApiKey>[] = [
    { key: 'id', title: t('apiKeys.id'), value: (k) => k.id, sortable: true, width: 90 },
    {
      key: 'prefix',
      title: t('apiKeys.prefix'),
      value: (k) => `${k.prefix}…`,
      render: (k) => <code>{k.prefix}…</code>,
    },
    {
      key: 'role',
      title: t('apiKeys.role'),
      value: (k) => t(`role.${k.role}`),
      sortable: true,
      filters: KEY_ROLES.map((r) => ({ text: t(`role.${r}`), value: t(`role.${r}`) })),
    },
    {
      key: 'assessment',
      title: t('apiKeys.assessment'),
      value: (k) => k.assessmentId ?? t('apiKeys.assessment.all'),
      sortable: true,
    },
    { key: 'createdAt', title: t('apiKeys.createdAt'), value: (k) => date(k.createdAt), sortable: true },
    {
      key: 'status',
      title: t('apiKeys.status'),
      value: (k) =>
        k.revokedAt ? t('apiKeys.status.revoked', { at: date(k.revokedAt) }) : t('apiKeys.status.active'),
      render: (k) =>
        k.revokedAt ? (
          <Tag>{t('apiKeys.status.revoked', { at: date(k.revokedAt) })}</Tag>
        ) : (
          <Tag color="green">{t('apiKeys.status.active')}</Tag>
        ),
    },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <PageTitle>{t('nav.apiKeys')}</PageTitle>
      <ErrorAlert error={error ?? actionError} />
      <DataTable
        rows={error ? [] : data}
        columns={columns}
        rowKey={(k) => String(k.id)}
        exportName={t('nav.apiKeys')}
        searchPlaceholder={t('apiKeys.search')}
        toolbar={
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('apiKeys.create')}
          </Button>
        }
        actions={{
          title: t('common.actions'),
          render: (k) =>
            k.revokedAt ? null : (
              <Popconfirm
                title={t('apiKeys.revoke')}
                description={t('apiKeys.revoke.confirm', { prefix: k.prefix })}
                okText={t('apiKeys.revoke')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => void revoke(k)}
              >
                <Button size="small" danger>
                  {t('apiKeys.revoke')}
                </Button>
              </Popconfirm>
            ),
        }}
      />
      <CreateKeyDialog
        open={creating}
        onClose={(created) => {
          setCreating(false);
          if (created) reload();
        }}
      />
    </Space>
  );
}

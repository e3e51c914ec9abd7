/** 用户管理 (admins): the accounts; create one (its one-time password shown once), reset, disable. */
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { api, type User } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { SecretCreateModal, SecretOnce } from '../../components/SecretOnce';
import { useLoad } from '../../hooks/useLoad';
import { useI18n } from '../../i18n/i18n';
import { ROLES, type Role } from '../../../shared/roles.js';
import { useSession } from '../session';
import { useAction } from '../../hooks/useAction';

interface NewUser {
  name: string;
  role: Role;
  unitCode?: string;
}

/** The dialog of 新建用户: the form, then the one-time password. */
function CreateUserDialog({ open, onClose }: { open: boolean; onClose: (created: boolean) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<NewUser>();
  const role = Form.useWatch('role', form);
  const { busy, error, setError, run } = useAction();
  const [created, setCreated] = useState<{ name: string; password: string } | null>(null);
  const close = () => {
    form.resetFields();
    setError(null);
    setCreated(null);
    onClose(created !== null);
  };
  const submit = async (f: NewUser) => {
    await run(async () => {
      const r = await api.createUser({
        name: f.name.trim(),
        role: f.role,
        ...(f.role === 'agency' ? { unitCode: f.unitCode?.trim() ?? '' } : {}),
      });
      setCreated({ name: r.user.name, password: r.oneTimePassword });
    });
  };
  return (
    <SecretCreateModal
      open={open}
      title={created ? t('users.created.title', { name: created.name }) : t('users.create.title')}
      secret={
        created ? (
          <SecretOnce
            label={t('users.otp.label')}
            intro={t('users.otp.intro', { name: created.name })}
            secret={created.password}
          />
        ) : null
      }
      busy={busy}
      submitLabel={t('users.create.submit')}
      onSubmit={() => form.submit()}
      onClose={close}
    >
      <Form<NewUser>
        form={form}
        layout="vertical"
        name="create-user"
        initialValues={{ role: 'analyst' }}
        onFinish={(f) => void submit(f)}
      >
        <Form.Item
          label={t('users.name')}
          name="name"
          extra={t('users.name.rule')}
          rules={[{ required: true, whitespace: true, min: 2, max: 64, message: t('users.name.rule') }]}
        >
          <Input autoComplete="off" autoFocus />
        </Form.Item>
        <Form.Item label={t('users.role')} name="role" rules={[{ required: true }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        {role === 'agency' && (
          <Form.Item
            label={t('users.unit')}
            name="unitCode"
            extra={t('users.unit.help')}
            rules={[{ required: true, whitespace: true, message: t('users.unit.required') }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <ErrorAlert error={error} />
      </Form>
    </SecretCreateModal>
  );
}

export default function UsersPage() {
  const { t, date } = useI18n();
  const { message } = App.useApp();
  const me = useSession().session.user.name;
  const { data, error, reload } = useLoad(api.users);
  const [creating, setCreating] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [reset, setReset] = useState<{ name: string; password: string } | null>(null);

  const act = async (f: () => Promise<void>) => {
    setActionError(null);
    try {
      await f();
    } catch (e) {
      setActionError(e);
    }
    reload();
  };
  const status = (u: User) =>
    u.disabledAt ? 'disabled' : u.mustChangePassword ? 'mustChange' : ('active' as const);
  const columns: Column<User>[] = [
    { key: 'name', title: t('users.name'), value: (u) => u.name, sortable: true },
    {
      key: 'role',
      title: t('users.role'),
      value: (u) => t(`role.${u.role}`),
      sortable: true,
      filters: ROLES.map((r) => ({ text: t(`role.${r}`), value: t(`role.${r}`) })),
    },
    { key: 'unit', title: t('users.unit'), value: (u) => u.unitCode, sortable: true },
    {
      key: 'status',
      title: t('users.status'),
      value: (u) => t(`users.status.${status(u)}`),
      render: (u) => {
        const s = status(u);
        return (
          <Tag color={s === 'disabled' ? 'default' : s === 'mustChange' ? 'gold' : 'green'}>
            {t(`users.status.${s}`)}
          </Tag>
        );
      },
    },
    { key: 'createdAt', title: t('users.createdAt'), value: (u) => date(u.createdAt), sortable: true },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <PageTitle>{t('nav.users')}</PageTitle>
      <ErrorAlert error={error ?? actionError} />
      <DataTable
        rows={error ? [] : data}
        columns={columns}
        rowKey={(u) => u.name}
        exportName={t('nav.users')}
        searchPlaceholder={t('users.search')}
        toolbar={
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('users.create')}
          </Button>
        }
        actions={{
          title: t('common.actions'),
          render: (u) =>
            u.disabledAt ? null : (
              <Space>
                <Popconfirm
                  title={t('users.reset')}
                  description={t('users.reset.confirm', { name: u.name })}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    void act(async () => {
                      const r = await api.resetPassword(u.name);
                      setReset({ name: r.user.name, password: r.oneTimePassword });
                    })
                  }
                >
                  <Button size="small">{t('users.reset')}</Button>
                </Popconfirm>
                {u.name !== me && (
                  <Popconfirm
                    title={t('users.disable')}
                    description={t('users.disable.confirm', { name: u.name })}
                    okText={t('users.disable')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('common.cancel')}
                    onConfirm={() =>
                      void act(async () => {
                        await api.disableUser(u.name);
                        void message.success(t('users.disabled.done', { name: u.name }));
                      })
                    }
                  >
                    <Button size="small" danger>
                      {t('users.disable')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
        }}
      />
      <CreateUserDialog
        open={creating}
        onClose={(created) => {
          setCreating(false);
          if (created) reload();
        }}
      />
      <Modal
        open={reset !== null}
        title={reset ? t('users.reset.title', { name: reset.name }) : ''}
        onCancel={() => setReset(null)}
        footer={
          <Button type="primary" onClick={() => setReset(null)}>
            {t('common.close')}
          </Button>
        }
      >
        {reset && (
          <SecretOnce
            label={t('users.otp.label')}
            intro={t('users.otp.intro', { name: reset.name })}
            secret={reset.password}
          />
        )}
      </Modal>
    </Space>
  );
}

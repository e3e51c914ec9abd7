/**
 * 样本配额: per channel a quota per agency (perUnit) or in all (total), and the target it gives
 * (perUnit × the assessment's agencies), the fieldwork wallboard's denominators.
 */
import { Card, InputNumber, Select, Space, Table, Typography } from 'antd';
import type { Channel } from '../../../core/config.js';
import { useI18n } from '../../i18n/i18n';
import {
  CHANNEL_LIST,
  quotaMode,
  quotaProblems,
  quotaTarget,
  tidy,
  type QuotaMode,
  type Quotas,
} from '../../setup/config-edit';
import { ConfigPage, type Editor } from '../../setup/ConfigEditor';
import type { PageProps } from '../routes';

function QuotasBody({ ed }: { ed: Editor }) {
  const { t } = useI18n();
  const quotas: Quotas = ed.draft.quotas ?? {};
  const agencies = ed.units?.length;
  const set = (c: Channel, q: Quotas[Channel]) =>
    ed.setDraft((cfg) => {
      const next = tidy<NonNullable<Quotas[Channel]>>({ ...(cfg.quotas ?? {}), [c]: q ?? {} });
      if (next) cfg.quotas = next;
      else delete cfg.quotas;
      return cfg;
    });
  const rows = CHANNEL_LIST.map((c) => ({ c, q: quotas[c], mode: quotaMode(quotas[c]) }));
  const total = rows.reduce((s, r) => s + (quotaTarget(r.q, agencies ?? 0) ?? 0), 0);
  return (
    <Card size="small">
      <Table
        rowKey="c"
        pagination={false}
        aria-label={t('nav.quotas')}
        dataSource={rows}
        columns={[
          { key: 'channel', title: t('quotas.channel'), render: (_, r) => t(`quality.channel.${r.c}`) },
          {
            key: 'mode',
            title: t('quotas.mode'),
            render: (_, r) => (
              <Select<QuotaMode>
                aria-label={`${t(`quality.channel.${r.c}`)} ${t('quotas.mode')}`}
                value={r.mode}
                disabled={!ed.canEdit}
                style={{ width: 160 }}
                options={(['none', 'perUnit', 'total'] as const).map((m) => ({
                  value: m,
                  label: t(`quotas.mode.${m}`),
                }))}
                onChange={(m) => {
                  const v = r.q?.perUnit ?? r.q?.total ?? 0;
                  set(r.c, m === 'none' ? undefined : m === 'perUnit' ? { perUnit: v } : { total: v });
                }}
              />
            ),
          },
          {
            key: 'value',
            title: t('quotas.value'),
            render: (_, r) =>
              r.mode === 'none' ? (
                '—'
              ) : (
                <InputNumber
                  aria-label={`${t(`quality.channel.${r.c}`)} ${t(`quotas.mode.${r.mode}`)}`}
                  min={0}
                  precision={0}
                  disabled={!ed.canEdit}
                  value={r.mode === 'perUnit' ? r.q?.perUnit : r.q?.total}
                  onChange={(v) => set(r.c, r.mode === 'perUnit' ? { perUnit: v ?? 0 } : { total: v ?? 0 })}
                />
              ),
          },
          {
            key: 'target',
            title: t('quotas.target'),
            render: (_, r) => {
              const n = quotaTarget(r.q, agencies ?? 0);
              if (n === null || agencies === undefined) return '—';
              return r.mode === 'perUnit'
                ? t('quotas.target.perUnit', {
                    per: r.q?.perUnit ?? 0,
                    units: agencies,
                    n: n.toLocaleString(),
                  })
                : n.toLocaleString();
            },
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={3}>
              <Typography.Text strong>{t('quotas.total')}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3}>
              <Typography.Text strong data-testid="quota-total">
                {total.toLocaleString()}
              </Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <Space style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">{t('quotas.units', { n: agencies ?? '…' })}</Typography.Text>
      </Space>
    </Card>
  );
}

export default function QuotasPage({ params }: PageProps) {
  return (
    <ConfigPage
      id={params.id ?? ''}
      title="nav.quotas"
      intro="quotas.intro"
      problems={(c) => quotaProblems(c.quotas ?? {})}
    >
      {(ed) => <QuotasBody ed={ed} />}
    </ConfigPage>
  );
}

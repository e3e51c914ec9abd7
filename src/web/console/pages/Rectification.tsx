/**
 * 整改 (rectification, UX.md §Console 8): the counts per status of every agency, and every item
 * with its status tag (待反馈 / 已反馈 / 已通过 / 退回), its basis and the agency's answer. The
 * office drafts items from the results (生成建议: edited and ticked before anything is saved)
 * or by hand, edits or deletes them (delete asks), and accepts or returns each answer with a note.
 */
import { Button, Card, Popconfirm, Select, Space, Typography, App } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { api, type RectificationItem, type RectificationSummary } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { useLoad } from '../../hooks/useLoad';
import { useI18n, type Translate } from '../../i18n/i18n';
import { ItemDialog, ReviewDialog } from '../../rectification/ItemDialogs';
import { STATUSES, StatusTag, statusText } from '../../rectification/status';
import { SuggestDialog } from '../../rectification/SuggestDialog';
import type { PageProps } from '../routes';

type Dialog =
  | { kind: 'suggest' }
  | { kind: 'item'; item: RectificationItem | undefined }
  | { kind: 'review'; item: RectificationItem; decision: 'accept' | 'return' };

function summaryColumns(t: Translate): Column<RectificationSummary>[] {
  const n = (key: keyof RectificationSummary, title: string): Column<RectificationSummary> => ({
    key,
    title,
    value: (s) => s[key],
    sortable: true,
    width: 96,
  });
  return [
    { key: 'unitCode', title: t('rect.unitCode'), value: (s) => s.unitCode, sortable: true, width: 120 },
    { key: 'unitName', title: t('rect.unit'), value: (s) => s.unitName, sortable: true },
    n('total', t('rect.summary.total')),
    ...STATUSES.map((s) => n(s, statusText(t, s))),
  ];
}

function itemColumns(t: Translate, date: (iso: string | null) => string): Column<RectificationItem>[] {
  return [
    { key: 'unitName', title: t('rect.unit'), value: (i) => i.unitName, sortable: true, width: 130 },
    { key: 'title', title: t('rect.title'), value: (i) => i.title, sortable: true, width: 200 },
    {
      key: 'basis',
      title: t('rect.basis'),
      value: (i) => i.basis,
      render: (i) => <Typography.Text type="secondary">{i.basis}</Typography.Text>,
      width: 240,
    },
    {
      key: 'source',
      title: t('rect.source'),
      value: (i) => t(`rect.source.${i.source}`),
      filters: (['suggested', 'manual'] as const).map((s) => ({
        text: t(`rect.source.${s}`),
        value: t(`rect.source.${s}`),
      })),
      width: 110,
    },
    {
      key: 'status',
      title: t('rect.status'),
      value: (i) => statusText(t, i.status),
      render: (i) => <StatusTag t={t} status={i.status} />,
      sortable: true,
      sortValue: (i) => STATUSES.indexOf(i.status),
      filters: STATUSES.map((s) => ({ text: statusText(t, s), value: statusText(t, s) })),
      width: 100,
    },
    { key: 'measures', title: t('rect.measures'), value: (i) => i.measures ?? '', width: 200 },
    { key: 'dueDate', title: t('rect.dueDate'), value: (i) => i.dueDate ?? '', sortable: true, width: 120 },
    { key: 'reviewNote', title: t('rect.reviewNote'), value: (i) => i.reviewNote ?? '', width: 140 },
    {
      key: 'updatedAt',
      title: t('rect.updatedAt'),
      value: (i) => date(i.updatedAt),
      sortValue: (i) => i.updatedAt,
      sortable: true,
      width: 150,
    },
  ];
}

export default function RectificationPage({ params }: PageProps) {
  const { t, date } = useI18n();
  const { message } = App.useApp();
  const id = params.id ?? '';
  const [unit, setUnit] = useState<string>();
  const [dialog, setDialog] = useState<Dialog>();
  const [error, setError] = useState<unknown>(null);
  const list = useLoad(useCallback(() => api.rectification(id), [id]));
  const detail = useLoad(useCallback(() => api.assessment(id), [id]));
  // agencies with items first (most first), then the rest in their stored order
  const summary = useMemo(
    () =>
      (list.data?.summary ?? [])
        .map((s, i) => ({ s, i }))
        .sort((a, b) => Number(b.s.total > 0) - Number(a.s.total > 0) || a.i - b.i)
        .map((x) => x.s),
    [list.data],
  );
  const units = useMemo(
    () => (list.data?.summary ?? []).map((s) => ({ code: s.unitCode, name: s.unitName })),
    [list.data],
  );
  const items = useMemo(
    () => (list.data?.items ?? []).filter((i) => unit === undefined || i.unitCode === unit),
    [list.data, unit],
  );
  const close = (saved: boolean) => {
    setDialog(undefined);
    if (saved) list.reload();
  };
  const remove = async (item: RectificationItem) => {
    setError(null);
    try {
      await api.deleteRectification(id, item.id);
      void message.success(t('rect.deleted'));
      list.reload();
    } catch (e) {
      setError(e);
    }
  };
  const assessment = detail.data?.assessment;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <PageTitle>{t('nav.rectification')}</PageTitle>
      {assessment && (
        <Typography.Text type="secondary">
          {assessment.name}（{assessment.year}）
        </Typography.Text>
      )}
      <Typography.Paragraph>{t('rect.intro')}</Typography.Paragraph>
      <ErrorAlert error={list.error ?? error} />
      <Card title={t('rect.summary')}>
        <DataTable
          rows={list.data ? summary : undefined}
          columns={summaryColumns(t)}
          rowKey={(s) => s.unitCode}
          exportName={`${assessment?.name ?? id}-${t('rect.summary')}`}
          searchPlaceholder={t('rect.summary.search')}
          label={t('rect.summary')}
          pageSize={10}
          onRowClick={(s) => setUnit(s.unitCode)}
        />
      </Card>
      <Card title={t('rect.items')}>
        <DataTable
          rows={list.data ? items : undefined}
          columns={itemColumns(t, date)}
          rowKey={(i) => String(i.id)}
          exportName={`${assessment?.name ?? id}-${t('rect.items')}`}
          searchPlaceholder={t('rect.items.search')}
          label={t('rect.items')}
          empty={t('rect.empty')}
          toolbar={
            <>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                aria-label={t('rect.unit')}
                placeholder={t('rect.allUnits')}
                style={{ width: 220 }}
                value={unit}
                onChange={(v: string | undefined) => setUnit(v)}
                options={units.map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` }))}
              />
              <Button type="primary" onClick={() => setDialog({ kind: 'suggest' })}>
                {t('rect.suggest')}
              </Button>
              <Button onClick={() => setDialog({ kind: 'item', item: undefined })}>{t('rect.add')}</Button>
            </>
          }
          actions={{
            title: t('common.actions'),
            render: (i) => (
              <Space wrap>
                {i.status === 'answered' && (
                  <>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => setDialog({ kind: 'review', item: i, decision: 'accept' })}
                    >
                      {t('rect.accept')}
                    </Button>
                    <Button
                      size="small"
                      danger
                      onClick={() => setDialog({ kind: 'review', item: i, decision: 'return' })}
                    >
                      {t('rect.return')}
                    </Button>
                  </>
                )}
                {i.status !== 'accepted' && (
                  <>
                    <Button size="small" onClick={() => setDialog({ kind: 'item', item: i })}>
                      {t('rect.edit')}
                    </Button>
                    <Popconfirm
                      title={t('rect.delete')}
                      description={t('rect.delete.confirm', { title: i.title })}
                      okText={t('rect.delete')}
                      okButtonProps={{ danger: true }}
                      cancelText={t('common.cancel')}
                      onConfirm={() => void remove(i)}
                    >
                      <Button size="small" danger>
                        {t('rect.delete')}
                      </Button>
                    </Popconfirm>
                  </>
                )}
              </Space>
            ),
          }}
        />
      </Card>
      {dialog?.kind === 'suggest' && <SuggestDialog assessmentId={id} unit={unit} onClose={close} />}
      {dialog?.kind === 'item' && (
        <ItemDialog assessmentId={id} item={dialog.item} units={units} defaultUnit={unit} onClose={close} />
      )}
      {dialog?.kind === 'review' && (
        <ReviewDialog assessmentId={id} item={dialog.item} decision={dialog.decision} onClose={close} />
      )}
    </Space>
  );
}

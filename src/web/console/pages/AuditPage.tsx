/**
 * 审计日志 (admins): who did what, when, newest first. The filters (assessment, actor, action,
 * dates) go to the server, which returns up to 500 entries a batch; the table searches, sorts,
 * pages and exports those. A change's details are shown as before → after.
 */
import { Button, Card, DatePicker, Input, Pagination, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { api, type AuditEntry, type AuditPage as Page, type AuditQuery } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { useLoad } from '../../hooks/useLoad';
import { useI18n } from '../../i18n/i18n';

const BATCH = 500;

interface Change {
  path: string;
  before: unknown;
  after: unknown;
}

const show = (v: unknown) =>
  v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);

/** the changes of a configuration edit or import, when the details carry them */
function changesOf(details: unknown): Change[] | null {
  const d = details as { changes?: unknown } | null;
  return d && typeof d === 'object' && Array.isArray(d.changes) ? (d.changes as Change[]) : null;
}

/** the details as one line (search and export) */
function detailsText(e: AuditEntry): string {
  const changes = changesOf(e.details);
  if (changes) return changes.map((c) => `${c.path}: ${show(c.before)} → ${show(c.after)}`).join('; ');
  return show(e.details);
}

function Details({ entry }: { entry: AuditEntry }) {
  const changes = changesOf(entry.details);
  if (!changes) return <Typography.Text code>{show(entry.details)}</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 16 }}>
      {changes.map((c) => (
        <li key={c.path}>
          <Typography.Text code>{c.path}</Typography.Text>{' '}
          <Typography.Text delete>{show(c.before)}</Typography.Text>
          {' → '}
          <Typography.Text strong>{show(c.after)}</Typography.Text>
        </li>
      ))}
    </ul>
  );
}

export default function AuditPage() {
  const { t, date } = useI18n();
  const assessments = useLoad(api.assessments).data;
  const [form, setForm] = useState<{
    assessment?: string;
    actor: string;
    action: string;
    days: [Dayjs, Dayjs] | null;
  }>({
    actor: '',
    action: '',
    days: null,
  });
  const [query, setQuery] = useState<AuditQuery>({ limit: String(BATCH) });
  const { data, error } = useLoad(useCallback(() => api.audit(query), [query]));
  const apply = (offset = 0) =>
    setQuery({
      assessment: form.assessment,
      actor: form.actor.trim() || undefined,
      action: form.action.trim() || undefined,
      // whole days in the browser's time zone, as instants
      from: form.days ? form.days[0].startOf('day').toISOString() : undefined,
      to: form.days ? form.days[1].add(1, 'day').startOf('day').toISOString() : undefined,
      offset: String(offset),
      limit: String(BATCH),
    });
  const columns = useMemo<Column<AuditEntry>[]>(
    () => [
      {
        key: 'at',
        title: t('audit.at'),
        value: (e) => date(e.at),
        sortValue: (e) => e.at,
        sortable: true,
        width: 180,
      },
      { key: 'actor', title: t('audit.actor'), value: (e) => e.actor, sortable: true, width: 120 },
      { key: 'action', title: t('audit.action'), value: (e) => e.action, sortable: true, width: 170 },
      {
        key: 'assessment',
        title: t('audit.assessment'),
        value: (e) => e.assessmentId ?? '',
        sortable: true,
        width: 120,
      },
      { key: 'details', title: t('audit.details'), value: detailsText, render: (e) => <Details entry={e} /> },
    ],
    [t, date],
  );
  const page: Page | undefined = data;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle>{t('nav.audit')}</PageTitle>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('audit.intro')}
      </Typography.Paragraph>
      <Card size="small">
        <Space wrap>
          <Select
            allowClear
            aria-label={t('audit.assessment')}
            placeholder={t('audit.assessment')}
            style={{ width: 220 }}
            value={form.assessment}
            options={(assessments ?? []).map((a) => ({ value: a.id, label: `${a.name}（${a.id}）` }))}
            onChange={(v?: string) => setForm((f) => ({ ...f, assessment: v }))}
          />
          <Input
            allowClear
            aria-label={t('audit.actor')}
            placeholder={t('audit.actor')}
            style={{ width: 140 }}
            value={form.actor}
            onChange={(e) => setForm((f) => ({ ...f, actor: e.target.value }))}
          />
          <Input
            allowClear
            aria-label={t('audit.action')}
            placeholder={t('audit.action.placeholder')}
            style={{ width: 180 }}
            value={form.action}
            onChange={(e) => setForm((f) => ({ ...f, action: e.target.value }))}
          />
          <DatePicker.RangePicker
            aria-label={t('audit.days')}
            value={form.days}
            onChange={(v) => setForm((f) => ({ ...f, days: v && v[0] && v[1] ? [v[0], v[1]] : null }))}
          />
          <Button type="primary" onClick={() => apply(0)}>
            {t('audit.filter')}
          </Button>
        </Space>
      </Card>
      <ErrorAlert error={error} />
      <DataTable
        rows={error ? [] : page?.entries}
        columns={columns}
        rowKey={(e) => String(e.id)}
        exportName={t('nav.audit')}
        searchPlaceholder={t('audit.search')}
        empty={t('audit.empty')}
        label={t('nav.audit')}
      />
      {page && page.total > BATCH && (
        <Space>
          <Typography.Text type="secondary">
            {t('audit.batches', { total: page.total, batch: BATCH })}
          </Typography.Text>
          <Pagination
            simple
            current={Math.floor(page.offset / BATCH) + 1}
            pageSize={BATCH}
            total={page.total}
            onChange={(p) => setQuery((q) => ({ ...q, offset: String((p - 1) * BATCH) }))}
          />
        </Space>
      )}
    </Space>
  );
}

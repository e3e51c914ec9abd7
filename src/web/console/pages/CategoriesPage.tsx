/**
 * 分类: the categories of the assessment's agencies, how many agencies each has and which.
 * Ranking is within a category. Read-only: an agency's category comes from the agencies file,
 * changed on 单位管理 (the import previews and audits it), so there is one way to change it.
 */
import { Alert, Card, Space, Tag } from 'antd';
import { useCallback, useMemo } from 'react';
import { api, type UnitRow } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { useLoad } from '../../hooks/useLoad';
import { useI18n } from '../../i18n/i18n';
import { linkClick } from '../router';
import type { PageProps } from '../routes';

interface CategoryRow {
  category: string;
  units: UnitRow[];
}

function categoriesOf(units: readonly UnitRow[]): CategoryRow[] {
  const by = new Map<string, UnitRow[]>();
  for (const u of units) by.set(u.category, [...(by.get(u.category) ?? []), u]);
  return [...by].map(([category, us]) => ({ category, units: us }));
}

export default function CategoriesPage({ params }: PageProps) {
  const { t } = useI18n();
  const id = params.id ?? '';
  const { data, error } = useLoad(useCallback(() => api.units(id), [id]));
  const assessment = useLoad(useCallback(() => api.assessment(id), [id])).data?.assessment;
  const rows = useMemo(() => (data ? categoriesOf(data) : undefined), [data]);
  const columns: Column<CategoryRow>[] = [
    { key: 'category', title: t('units.category'), value: (r) => r.category, sortable: true, width: 200 },
    { key: 'count', title: t('categories.count'), value: (r) => r.units.length, sortable: true, width: 120 },
    {
      key: 'units',
      title: t('categories.units'),
      value: (r) => r.units.map((u) => `${u.code} ${u.name}`).join('；'),
      render: (r) => (
        <Space size={[4, 4]} wrap>
          {r.units.map((u) => (
            <Tag key={u.code}>{`${u.name}（${u.code}）`}</Tag>
          ))}
        </Space>
      ),
    },
  ];
  const unitsPath = `/assessments/${encodeURIComponent(id)}/units`;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle>{`${t('nav.categories')} · ${assessment?.name ?? id}`}</PageTitle>
      <Alert
        type="info"
        showIcon
        title={t('categories.ranking')}
        description={
          <span>
            {t('categories.howToChange')}{' '}
            <a href={unitsPath} onClick={linkClick}>
              {t('nav.units')}
            </a>
          </span>
        }
      />
      <Card title={t('categories.title', { n: rows?.length ?? 0, units: data?.length ?? 0 })}>
        <ErrorAlert error={error} />
        <DataTable
          rows={error ? [] : rows}
          columns={columns}
          rowKey={(r) => r.category}
          exportName={`${t('nav.categories')}-${id}`}
          searchPlaceholder={t('categories.search')}
          empty={t('units.empty')}
          label={t('nav.categories')}
        />
      </Card>
    </Space>
  );
}

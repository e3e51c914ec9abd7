/**
 * The agencies × channels table of the wallboard: each cell the stored count against the
 * agency's quota, coloured by status (behind / on track / met); search, sort by any channel,
 * a status filter per channel, pagination and 导出 Excel (DataTable).
 */
import { Space, Tag } from 'antd';
import { useMemo } from 'react';
import type { Progress } from '../api/client';
import { DataTable, type Column } from '../components/DataTable';
import { useI18n } from '../i18n/i18n';
import { count } from '../results/format';
import { channelName } from './ProgressCards';
import { colorsOf, STATUS_COLORS, STATUSES } from './status';

type UnitRow = Progress['units'][number];

/** a cell on one line: the wallboard is read at a glance, rows of even height */
const nowrap = (text: (u: UnitRow) => string) => (u: UnitRow) => (
  <span style={{ whiteSpace: 'nowrap' }}>{text(u)}</span>
);

export function StatusLegend() {
  const { t } = useI18n();
  return (
    <Space size={4}>
      {STATUSES.map((s) => (
        <Tag
          key={s}
          style={{
            background: STATUS_COLORS[s].bg,
            color: STATUS_COLORS[s].fg,
            borderColor: STATUS_COLORS[s].stroke,
          }}
        >
          {t(`progress.status.${s}`)}
        </Tag>
      ))}
    </Space>
  );
}

export function UnitProgressTable({ progress, name }: { progress: Progress; name: string }) {
  const { t } = useI18n();
  const columns = useMemo((): Column<UnitRow>[] => {
    const fixed: Column<UnitRow>[] = [
      { key: 'code', title: t('progress.code'), value: (u) => u.code, sortable: true, width: 110 },
      {
        key: 'name',
        title: t('progress.name'),
        value: (u) => u.name,
        sortable: true,
        render: nowrap((u) => u.name),
      },
      {
        key: 'category',
        title: t('progress.category'),
        value: (u) => u.category,
        sortable: true,
        render: nowrap((u) => u.category),
      },
    ];
    const channels = progress.channels.map((c): Column<UnitRow> => {
      const cell = (u: UnitRow) => u.cells[c.channel];
      return {
        key: `ch-${c.channel}`,
        title:
          c.perUnit !== null ? `${channelName(t, c.channel)}（${c.perUnit}）` : channelName(t, c.channel),
        value: (u) => cell(u)?.n ?? 0,
        sortable: true,
        width: 130,
        render: (u) => {
          const x = cell(u);
          const colors = colorsOf(x?.status ?? null);
          return (
            <div
              data-status={x?.status ?? 'none'}
              title={x?.status ? t(`progress.status.${x.status}`) : undefined}
              style={{
                background: colors.bg,
                color: colors.fg,
                borderInlineStart: `3px solid ${colors.stroke}`,
                padding: '2px 8px',
                fontVariantNumeric: 'tabular-nums',
                fontWeight: 500,
              }}
            >
              {count(x?.n ?? 0)}
              {x?.target !== null && x?.target !== undefined ? ` / ${count(x.target)}` : ''}
            </div>
          );
        },
        ...(c.perUnit !== null
          ? {
              filters: STATUSES.map((s) => ({ text: t(`progress.status.${s}`), value: s })),
              matches: (u: UnitRow, v: string) => cell(u)?.status === v,
            }
          : {}),
      };
    });
    return [...fixed, ...channels];
  }, [progress.channels, t]);
  return (
    <DataTable
      rows={progress.units}
      columns={columns}
      rowKey={(u) => u.code}
      exportName={`${name}-${t('nav.progress')}`}
      searchPlaceholder={t('progress.search')}
      label={t('progress.table')}
      toolbar={<StatusLegend />}
      pageSize={20}
    />
  );
}

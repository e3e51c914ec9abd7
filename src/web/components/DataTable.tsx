/**
 * Every list of the console: a table with search, sorting, optional filters, pagination and
 * 导出 Excel (the rows that the search and filters leave, all pages, as an .xlsx). Columns give a
 * plain value (search, sort, export) and optionally how to render it.
 */
import { Button, Input, Space, Table, type TableColumnType } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { downloadXlsx, toXlsx, type Cell } from './xlsx';

export interface Column<T> {
  key: string;
  title: string;
  value: (row: T) => Cell;
  render?: (row: T) => ReactNode;
  sortable?: boolean;
  /** what sorting compares, when not the value (a score shown with two decimals sorts as a number) */
  sortValue?: (row: T) => Cell;
  /** a filter menu over these values (text shown, value compared with `value(row)`) */
  filters?: { text: string; value: string }[];
  /** whether a row passes a chosen filter value (default: value(row) equals it) */
  matches?: (row: T, value: string) => boolean;
  width?: number;
}

function compare(a: Cell, b: Cell): number {
  const none = (v: Cell) => v === null || v === undefined || v === '';
  if (none(a) || none(b)) return Number(none(a)) - Number(none(b)); // empty cells last
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a ?? '').localeCompare(String(b ?? ''), 'zh-CN', { numeric: true });
}

function passes<T>(c: Column<T>, row: T, v: string): boolean {
  return c.matches ? c.matches(row, v) : String(c.value(row)) === v;
}

export function DataTable<T extends object>(props: {
  rows: readonly T[] | undefined;
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  /** the exported file's name, without extension */
  exportName: string;
  searchPlaceholder: string;
  /** extra columns that are not exported (row actions) */
  actions?: { title: string; render: (row: T) => ReactNode; width?: number };
  toolbar?: ReactNode;
  empty?: ReactNode;
  loading?: boolean;
  /** rows per page at first (20 unless given) */
  pageSize?: number;
  /** a click on a row (a drill-down) */
  onRowClick?: (row: T) => void;
  /** the table's accessible name */
  label?: string;
}) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  /** the column filters chosen in the table, so that the export leaves out the same rows */
  const [chosen, setChosen] = useState<Record<string, readonly unknown[] | null>>({});
  const searched = useMemo(() => {
    const q = query.trim().toLowerCase();
    const rows = props.rows ?? [];
    if (!q) return rows;
    return rows.filter((r) =>
      props.columns.some((c) =>
        String(c.value(r) ?? '')
          .toLowerCase()
          .includes(q),
      ),
    );
  }, [props.rows, props.columns, query]);

  const columns: TableColumnType<T>[] = props.columns.map((c) => ({
    key: c.key,
    dataIndex: c.key,
    title: c.title,
    width: c.width,
    render: (_: unknown, row: T) => (c.render ? c.render(row) : c.value(row)),
    ...(c.sortable
      ? {
          sorter: (a: T, b: T) => {
            const v = c.sortValue ?? c.value;
            return compare(v(a), v(b));
          },
        }
      : {}),
    ...(c.filters ? { filters: c.filters, onFilter: (v: unknown, row: T) => passes(c, row, String(v)) } : {}),
  }));
  if (props.actions) {
    const a = props.actions;
    columns.push({
      key: '__actions',
      title: a.title,
      render: (_: unknown, row: T) => a.render(row),
      // a wide table scrolls; its row actions stay in view at the right edge
      fixed: 'right' as const,
      ...(a.width === undefined ? {} : { width: a.width }),
    });
  }

  const exportRows = () => {
    const rows = searched.filter((r) =>
      props.columns.every((c) => {
        const want = chosen[c.key];
        return !want || want.length === 0 || want.some((v) => passes(c, r, String(v)));
      }),
    );
    downloadXlsx(
      `${props.exportName}.xlsx`,
      toXlsx(
        props.label ?? props.exportName,
        props.columns.map((c) => c.title),
        rows.map((r) => props.columns.map((c) => c.value(r))),
      ),
    );
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="data-table">
      <Space wrap>
        <Input.Search
          allowClear
          aria-label={props.searchPlaceholder}
          placeholder={props.searchPlaceholder}
          onSearch={setQuery}
          onChange={(e) => setQuery(e.target.value)}
          style={{ width: 280 }}
        />
        <Button onClick={exportRows} data-testid="table-export">
          {t('common.export')}
        </Button>
        {props.toolbar}
      </Space>
      <Table<T>
        rowKey={props.rowKey}
        columns={columns}
        dataSource={searched}
        loading={props.loading ?? props.rows === undefined}
        locale={props.empty ? { emptyText: props.empty } : undefined}
        onChange={(_p, f) => setChosen(f)}
        aria-label={props.label}
        scroll={{ x: 'max-content' }}
        {...(props.onRowClick
          ? {
              onRow: (row: T) => ({
                onClick: () => props.onRowClick?.(row),
                style: { cursor: 'pointer' },
              }),
            }
          : {})}
        pagination={{
          defaultPageSize: props.pageSize ?? 20,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { n }),
        }}
      />
    </Space>
  );
}

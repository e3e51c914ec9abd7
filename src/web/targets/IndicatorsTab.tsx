/**
 * The 绩效指标 tab of the form editor: one row per indicator, shares (unit %) typed as percent
 * and stored as fractions; rows added, removed and moved.
 */
import { Button, Select, Space, Table } from 'antd';
import { OPERATORS, TARGET_METRICS, type TargetIndicator } from '../../core/targets.js';
import { useI18n } from '../i18n/i18n';
import { Num, Txt } from './SheetFields';
import {
  levelNames,
  moveRow,
  newIndicator,
  targetShown,
  targetStored,
  type EditableSheet,
} from './sheet-form';

export function IndicatorsTab(props: {
  sheet: EditableSheet;
  setIndicators: (f: (rows: TargetIndicator[]) => TargetIndicator[]) => void;
  errorField: string | null;
}) {
  const { t } = useI18n();
  const { sheet, setIndicators, errorField } = props;
  const rows = sheet.indicators;
  const set = (i: number, patch: Partial<TargetIndicator>) =>
    setIndicators((r) => r.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const levels = levelNames(rows).map((l) => ({ value: l, label: l }));
  const subs = [
    { value: '', label: '—' },
    ...sheet.project.subProjects.map((s) => ({ value: s.name, label: s.name })),
  ];
  const metrics = [
    { value: '', label: t('targets.sheet.noMetric') },
    ...TARGET_METRICS.map((m) => ({ value: m, label: m })),
  ];
  const f = (i: number, k: string) => `indicators.${i}.${k}`;
  const txt = (
    k: 'level2' | 'name' | 'unit' | 'targetText' | 'explanation' | 'source',
    label: string,
    width: number,
  ) => ({
    title: label,
    width,
    render: (_: unknown, r: TargetIndicator, i: number) => (
      <Txt
        field={f(i, k)}
        label={`${label} ${i + 1}`}
        errorField={errorField}
        value={r[k]}
        onChange={(v) => set(i, { [k]: v })}
      />
    ),
  });
  const sel = (
    field: string,
    label: string,
    value: string,
    options: { value: string; label: string }[],
    onChange: (v: string) => void,
  ) => (
    <Select
      aria-label={label}
      data-field={field}
      status={errorField === field ? 'error' : undefined}
      style={{ width: '100%' }}
      value={value}
      options={options}
      onChange={onChange}
      popupMatchSelectWidth={false}
    />
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <p>{t('targets.sheet.indicatorsHint')}</p>
      <Table
        size="small"
        pagination={false}
        scroll={{ x: 1900 }}
        rowKey={(_, i) => String(i)}
        dataSource={rows}
        onRow={(r) => ({ 'data-edit-indicator': r.name }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '#', width: 40, render: (_, _r, i) => i + 1 },
          {
            title: t('targets.level1'),
            width: 120,
            render: (_, r, i) =>
              sel(f(i, 'level1'), `${t('targets.level1')} ${i + 1}`, r.level1, levels, (v) =>
                set(i, { level1: v }),
              ),
          },
          txt('level2', t('targets.sheet.level2'), 130),
          {
            title: t('targets.subProject'),
            width: 150,
            render: (_, r, i) =>
              sel(f(i, 'subProject'), `${t('targets.subProject')} ${i + 1}`, r.subProject, subs, (v) =>
                set(i, { subProject: v }),
              ),
          },
          txt('name', t('targets.indicator'), 180),
          {
            title: t('targets.sheet.operator'),
            width: 110,
            render: (_, r, i) =>
              sel(
                f(i, 'operator'),
                `${t('targets.sheet.operator')} ${i + 1}`,
                r.operator,
                OPERATORS.map((o) => ({
                  value: o,
                  label: o === 'qualitative' ? t('targets.sheet.qualitative') : o,
                })),
                (v) => {
                  const operator = v as TargetIndicator['operator'];
                  // a qualitative indicator has no number and no binding (core/targets.ts)
                  if (operator === 'qualitative') {
                    const { metric: _, ...rest } = r;
                    setIndicators((rs) =>
                      rs.map((x, j) => (j === i ? { ...rest, operator, target: null } : x)),
                    );
                  } else set(i, { operator });
                },
              ),
          },
          {
            title: t('targets.sheet.targetNumber'),
            width: 130,
            render: (_, r, i) => (
              <Num
                field={f(i, 'target')}
                label={`${t('targets.target')} ${i + 1}`}
                errorField={errorField}
                value={targetShown(r)}
                onChange={(v) => set(i, { target: targetStored(r.unit, v) })}
              />
            ),
          },
          txt('unit', t('targets.sheet.unit'), 80),
          txt('targetText', t('targets.sheet.targetText'), 130),
          txt('explanation', t('targets.sheet.explanation'), 200),
          txt('source', t('targets.sheet.dataSource'), 150),
          {
            title: t('targets.sheet.metric'),
            width: 200,
            render: (_, r, i) =>
              sel(f(i, 'metric'), `${t('targets.sheet.metric')} ${i + 1}`, r.metric ?? '', metrics, (v) => {
                const { metric: _, ...rest } = r;
                setIndicators((rs) =>
                  rs.map((x, j) =>
                    j === i ? (v === '' ? rest : { ...rest, metric: v as TargetIndicator['metric'] }) : x,
                  ),
                );
              }),
          },
          {
            title: '',
            width: 150,
            fixed: 'right',
            render: (_, _r, i) => (
              <Space size={4}>
                <Button
                  size="small"
                  aria-label={`${t('targets.sheet.up')} ${i + 1}`}
                  disabled={i === 0}
                  onClick={() => setIndicators((rs) => moveRow(rs, i, -1))}
                >
                  ↑
                </Button>
                <Button
                  size="small"
                  aria-label={`${t('targets.sheet.down')} ${i + 1}`}
                  disabled={i === rows.length - 1}
                  onClick={() => setIndicators((rs) => moveRow(rs, i, 1))}
                >
                  ↓
                </Button>
                <Button
                  size="small"
                  danger
                  onClick={() => setIndicators((rs) => rs.filter((_x, j) => j !== i))}
                >
                  {t('targets.sheet.remove')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Button onClick={() => setIndicators((rs) => [...rs, newIndicator(rs.at(-1)?.level1 ?? '产出')])}>
        {t('targets.sheet.addIndicator')}
      </Button>
    </Space>
  );
}

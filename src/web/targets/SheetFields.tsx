/**
 * The tabs 项目信息, 资金 and 实施计划与目标 of the form editor. Every input carries its field
 * path as data-field, so a server error naming that path can highlight and scroll to it.
 */
import { Button, Checkbox, Col, Input, InputNumber, Row, Space, Table } from 'antd';
import type { ChangeEvent, ReactNode } from 'react';
import type { TargetProject } from '../../core/targets.js';
import { useI18n } from '../i18n/i18n';
import type { EditableSheet } from './sheet-form';

export interface TabProps {
  sheet: EditableSheet;
  setProject: (f: (p: TargetProject) => TargetProject) => void;
  errorField: string | null;
}

type TextKey =
  'unitCode' | 'unitName' | 'name' | 'type' | 'attribute' | 'manager' | 'contact' | 'phone' | 'amountUnit';
const AREA_KEYS = [
  'overview',
  'basis',
  'necessity',
  'safeguards',
  'plan',
  'overallGoal',
  'annualGoal',
] as const;
type AreaKey = (typeof AREA_KEYS)[number];
const isArea = (k: TextKey | AreaKey): k is AreaKey => (AREA_KEYS as readonly string[]).includes(k);

/** A labelled input in a grid cell. */
export function Labeled(props: { label: string; children: ReactNode; span?: number }) {
  return (
    <Col xs={24} md={props.span ?? 12}>
      <label style={{ display: 'block', marginBottom: 12 }}>
        <div style={{ marginBottom: 4 }}>{props.label}</div>
        {props.children}
      </label>
    </Col>
  );
}

/**
 * What binds an input to its field path: its name for screen readers, the path as data-field,
 * and the error status when the server's error names that path.
 */
const bound = (label: string, field: string, errorField: string | null) => ({
  'aria-label': label,
  'data-field': field,
  status: errorField === field ? ('error' as const) : undefined,
});

/** A text field of the project in its labelled cell: one line, or a text area across the row. */
function ProjectField(props: TabProps & { k: TextKey | AreaKey; label: string }) {
  const { k } = props;
  const input = {
    ...bound(props.label, `project.${k}`, props.errorField),
    value: props.sheet.project[k],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      props.setProject((p) => ({ ...p, [k]: e.target.value })),
  };
  return isArea(k) ? (
    <Labeled label={props.label} span={24}>
      <Input.TextArea {...input} autoSize={{ minRows: 2, maxRows: 8 }} />
    </Labeled>
  ) : (
    <Labeled label={props.label} span={8}>
      <Input {...input} />
    </Labeled>
  );
}

export function ProjectTab(p: TabProps) {
  const { t } = useI18n();
  const pr = p.sheet.project;
  return (
    <Row gutter={16}>
      <ProjectField {...p} k="unitCode" label={t('targets.sheet.unitCode')} />
      <ProjectField {...p} k="unitName" label={t('targets.unit')} />
      <ProjectField {...p} k="name" label={t('targets.name')} />
      <ProjectField {...p} k="type" label={t('targets.type')} />
      <ProjectField {...p} k="attribute" label={t('targets.attribute')} />
      <Labeled label={t('targets.year')} span={8}>
        <InputNumber
          {...bound(t('targets.year'), 'project.year', p.errorField)}
          precision={0}
          style={{ width: '100%' }}
          value={pr.year}
          onChange={(v) => p.setProject((x) => ({ ...x, year: v ?? x.year }))}
        />
      </Labeled>
      <ProjectField {...p} k="manager" label={t('targets.sheet.manager')} />
      <ProjectField {...p} k="contact" label={t('targets.sheet.contact')} />
      <ProjectField {...p} k="phone" label={t('targets.sheet.phone')} />
      <ProjectField {...p} k="amountUnit" label={t('targets.sheet.amountUnit')} />
      <Col xs={24} md={16}>
        <Space style={{ marginTop: 28 }}>
          <Checkbox
            checked={pr.governmentProcurement}
            onChange={(e) => p.setProject((x) => ({ ...x, governmentProcurement: e.target.checked }))}
          >
            {t('targets.procurement')}
          </Checkbox>
          <Checkbox
            checked={pr.governmentPurchasedService}
            onChange={(e) => p.setProject((x) => ({ ...x, governmentPurchasedService: e.target.checked }))}
          >
            {t('targets.purchased')}
          </Checkbox>
        </Space>
      </Col>
      <ProjectField {...p} k="overview" label={t('targets.overview')} />
      <ProjectField {...p} k="basis" label={t('targets.sheet.basis')} />
      <ProjectField {...p} k="necessity" label={t('targets.sheet.necessity')} />
      <ProjectField {...p} k="safeguards" label={t('targets.sheet.safeguards')} />
    </Row>
  );
}

export function PlanTab(p: TabProps) {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      <ProjectField {...p} k="plan" label={t('targets.plan')} />
      <ProjectField {...p} k="overallGoal" label={t('targets.overallGoal')} />
      <ProjectField {...p} k="annualGoal" label={t('targets.annualGoal')} />
    </Row>
  );
}

/** A number cell bound to one field path. */
export function Num(props: {
  field: string;
  label: string;
  errorField: string | null;
  value: number | null;
  onChange: (v: number | null) => void;
}) {
  return (
    <InputNumber
      {...bound(props.label, props.field, props.errorField)}
      style={{ width: '100%' }}
      value={props.value}
      onChange={(v) => props.onChange(typeof v === 'number' ? v : null)}
    />
  );
}

/** A text cell bound to one field path. */
export function Txt(props: {
  field: string;
  label: string;
  errorField: string | null;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <Input
      {...bound(props.label, props.field, props.errorField)}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}

const PY_KEYS = ['budget', 'allocated', 'spent', 'fundsArrivalRate', 'budgetExecutionRate'] as const;

export function FundsTab(p: TabProps) {
  const { t } = useI18n();
  const pr = p.sheet.project;
  const unit = pr.amountUnit;
  const setSub = (i: number, patch: Partial<TargetProject['subProjects'][number]>) =>
    p.setProject((x) => ({
      ...x,
      subProjects: x.subProjects.map((s, j) => (j === i ? { ...s, ...patch } : s)),
    }));
  const setSrc = (i: number, patch: Partial<TargetProject['fundSources'][number]>) =>
    p.setProject((x) => ({
      ...x,
      fundSources: x.fundSources.map((s, j) => (j === i ? { ...s, ...patch } : s)),
    }));
  const remove = t('targets.sheet.remove');
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <h4>{t('targets.funds')}</h4>
      <Table
        size="small"
        pagination={false}
        rowKey={(_, i) => String(i)}
        dataSource={pr.subProjects}
        columns={[
          {
            title: t('targets.subProject'),
            render: (_, s, i) => (
              <Txt
                field={`project.subProjects.${i}.name`}
                label={`${t('targets.subProject')} ${i + 1}`}
                errorField={p.errorField}
                value={s.name}
                onChange={(v) => setSub(i, { name: v })}
              />
            ),
          },
          {
            title: t('targets.amount', { unit }),
            width: 200,
            render: (_, s, i) => (
              <Num
                field={`project.subProjects.${i}.amount`}
                label={`${t('targets.sheet.subAmount')} ${i + 1}`}
                errorField={p.errorField}
                value={s.amount}
                onChange={(v) => setSub(i, { amount: v ?? 0 })}
              />
            ),
          },
          {
            width: 80,
            render: (_, _s, i) => (
              <Button
                danger
                size="small"
                onClick={() =>
                  p.setProject((x) => ({ ...x, subProjects: x.subProjects.filter((_r, j) => j !== i) }))
                }
              >
                {remove}
              </Button>
            ),
          },
        ]}
      />
      <Button
        onClick={() =>
          p.setProject((x) => ({ ...x, subProjects: [...x.subProjects, { name: '', amount: 0 }] }))
        }
      >
        {t('targets.sheet.addSub')}
      </Button>
      <h4>{t('targets.sources', { unit })}</h4>
      <Table
        size="small"
        pagination={false}
        rowKey={(_, i) => String(i)}
        dataSource={pr.fundSources}
        columns={[
          {
            title: t('targets.source'),
            render: (_, s, i) => (
              <Txt
                field={`project.fundSources.${i}.source`}
                label={`${t('targets.source')} ${i + 1}`}
                errorField={p.errorField}
                value={s.source}
                onChange={(v) => setSrc(i, { source: v })}
              />
            ),
          },
          ...(['total', 'previousYear', 'planned'] as const).map((k) => ({
            title: t(
              k === 'total'
                ? 'targets.sourceTotal'
                : k === 'planned'
                  ? 'targets.sourcePlanned'
                  : 'targets.sourcePrevious',
            ),
            width: 160,
            render: (_: unknown, s: TargetProject['fundSources'][number], i: number) => (
              <Num
                field={`project.fundSources.${i}.${k}`}
                label={`${k} ${i + 1}`}
                errorField={p.errorField}
                value={s[k]}
                onChange={(v) => setSrc(i, { [k]: v })}
              />
            ),
          })),
          {
            width: 80,
            render: (_, _s, i) => (
              <Button
                danger
                size="small"
                onClick={() =>
                  p.setProject((x) => ({ ...x, fundSources: x.fundSources.filter((_r, j) => j !== i) }))
                }
              >
                {remove}
              </Button>
            ),
          },
        ]}
      />
      <Button
        onClick={() =>
          p.setProject((x) => ({
            ...x,
            fundSources: [...x.fundSources, { source: '', total: null, previousYear: null, planned: null }],
          }))
        }
      >
        {t('targets.sheet.addSource')}
      </Button>
      <h4>{t('targets.sheet.previousYear')}</h4>
      <Row gutter={16}>
        {PY_KEYS.map((k) => (
          <Labeled key={k} label={t(`targets.sheet.py.${k}`)} span={8}>
            <Num
              field={`project.previousYear.${k}`}
              label={t(`targets.sheet.py.${k}`)}
              errorField={p.errorField}
              value={pr.previousYear[k]}
              onChange={(v) => p.setProject((x) => ({ ...x, previousYear: { ...x.previousYear, [k]: v } }))}
            />
          </Labeled>
        ))}
      </Row>
    </Space>
  );
}

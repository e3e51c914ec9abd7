/**
 * The tabs 项目信息, 资金 and 实施计划与目标 of the form editor. Every input carries its field
 * path as data-field, so a server error naming that path can highlight and scroll to it.
 */
import { Button, Checkbox, Col, Input, InputNumber, Row, Space, Table } from 'antd';
import type { ReactNode } from 'react';
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
type AreaKey = 'overview' | 'basis' | 'necessity' | 'safeguards' | 'plan' | 'overallGoal' | 'annualGoal';

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

const status = (errorField: string | null, field: string) => (errorField === field ? 'error' : undefined);

function TextField(props: TabProps & { k: TextKey; label: string }) {
  const field = `project.${props.k}`;
  return (
    <Labeled label={props.label} span={8}>
      <Input
        aria-label={props.label}
        data-field={field}
        status={status(props.errorField, field)}
        value={props.sheet.project[props.k]}
        onChange={(e) => props.setProject((p) => ({ ...p, [props.k]: e.target.value }))}
      />
    </Labeled>
  );
}

function AreaField(props: TabProps & { k: AreaKey; label: string }) {
  const field = `project.${props.k}`;
  return (
    <Labeled label={props.label} span={24}>
      <Input.TextArea
        aria-label={props.label}
        data-field={field}
        status={status(props.errorField, field)}
        autoSize={{ minRows: 2, maxRows: 8 }}
        value={props.sheet.project[props.k]}
        onChange={(e) => props.setProject((p) => ({ ...p, [props.k]: e.target.value }))}
      />
    </Labeled>
  );
}

export function ProjectTab(p: TabProps) {
  const { t } = useI18n();
  const pr = p.sheet.project;
  return (
    <Row gutter={16}>
      <TextField {...p} k="unitCode" label={t('targets.sheet.unitCode')} />
      <TextField {...p} k="unitName" label={t('targets.unit')} />
      <TextField {...p} k="name" label={t('targets.name')} />
      <TextField {...p} k="type" label={t('targets.type')} />
      <TextField {...p} k="attribute" label={t('targets.attribute')} />
      <Labeled label={t('targets.year')} span={8}>
        <InputNumber
          aria-label={t('targets.year')}
          data-field="project.year"
          status={status(p.errorField, 'project.year')}
          precision={0}
          style={{ width: '100%' }}
          value={pr.year}
          onChange={(v) => p.setProject((x) => ({ ...x, year: v ?? x.year }))}
        />
      </Labeled>
      <TextField {...p} k="manager" label={t('targets.sheet.manager')} />
      <TextField {...p} k="contact" label={t('targets.sheet.contact')} />
      <TextField {...p} k="phone" label={t('targets.sheet.phone')} />
      <TextField {...p} k="amountUnit" label={t('targets.sheet.amountUnit')} />
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
      <AreaField {...p} k="overview" label={t('targets.overview')} />
      <AreaField {...p} k="basis" label={t('targets.sheet.basis')} />
      <AreaField {...p} k="necessity" label={t('targets.sheet.necessity')} />
      <AreaField {...p} k="safeguards" label={t('targets.sheet.safeguards')} />
    </Row>
  );
}

export function PlanTab(p: TabProps) {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      <AreaField {...p} k="plan" label={t('targets.plan')} />
      <AreaField {...p} k="overallGoal" label={t('targets.overallGoal')} />
      <AreaField {...p} k="annualGoal" label={t('targets.annualGoal')} />
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
      aria-label={props.label}
      data-field={props.field}
      status={status(props.errorField, props.field)}
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
      aria-label={props.label}
      data-field={props.field}
      status={status(props.errorField, props.field)}
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

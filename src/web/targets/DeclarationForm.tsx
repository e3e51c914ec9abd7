/**
 * The declaration form on screen in its own layout: the project block, the funds by
 * sub-project (with what was spent on each) and by source, the plan and goals, and the
 * indicator table with each target against its actual, green when met.
 */
import { Button, Tag, Tooltip } from 'antd';
import { Fragment, type CSSProperties, type ReactNode } from 'react';
import type { TargetsResponse } from '../api/client';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { actualText, money, pct } from './format';
import type { IndicatorResult } from '../../core/targets-evaluation.js';

const cell: CSSProperties = { border: '1px solid #d9d9d9', padding: '6px 8px', verticalAlign: 'middle' };
const label: CSSProperties = { ...cell, background: '#fafafa', fontWeight: 600, whiteSpace: 'nowrap' };
const MET = '#f6ffed';
const NOT_MET = '#fff1f0';

/** the columns of the form's label–value tables */
const COLUMNS = 6;

/** One row of label–value pairs (labels distinct); the last value spans the columns left over. */
/** A table's header row: one cell per message key. */
function HeaderRow({ keys }: { keys: readonly MessageKey[] }) {
  const { t } = useI18n();
  return (
    <tr>
      {keys.map((k) => (
        <th key={k} style={label}>
          {t(k)}
        </th>
      ))}
    </tr>
  );
}

function FieldRow({ pairs }: { pairs: [label: string, value: ReactNode][] }) {
  return (
    <tr>
      {pairs.map(([k, v], n) => {
        const span = n === pairs.length - 1 ? COLUMNS - 2 * n - 1 : 1;
        return (
          <Fragment key={k}>
            <th style={label}>{k}</th>
            <td style={cell} colSpan={span > 1 ? span : undefined}>
              {v}
            </td>
          </Fragment>
        );
      })}
    </tr>
  );
}

function IndicatorRow(props: { i: IndicatorResult; onJudge: (i: IndicatorResult) => void }) {
  const { t } = useI18n();
  const { i } = props;
  const bg = i.achieved === true ? MET : i.achieved === false ? NOT_MET : undefined;
  const status =
    i.achieved === null ? (
      <Tag>{t('targets.pending')}</Tag>
    ) : (
      <Tag color={i.achieved ? 'green' : 'red'}>{t(i.achieved ? 'targets.met' : 'targets.notMet')}</Tag>
    );
  return (
    <tr
      style={bg ? { background: bg } : undefined}
      data-indicator={i.name}
      data-achieved={String(i.achieved)}
    >
      <td style={cell}>{i.level1}</td>
      <td style={cell}>{i.subProject}</td>
      <td style={cell}>{i.name}</td>
      <td style={cell}>{i.targetText}</td>
      <td style={cell}>
        {actualText(i)}{' '}
        {i.actualSource && (
          <Tag color={i.actualSource === 'live' ? 'blue' : 'default'}>
            {t(i.actualSource === 'live' ? 'targets.live' : 'targets.hand')}
          </Tag>
        )}
      </td>
      <td style={cell}>
        {status}
        {i.overTarget && <Tag color="orange">{t('targets.over')}</Tag>}
        {!i.synthetic && (i.operator === 'qualitative' || i.metric === null) && (
          <Button size="small" onClick={() => props.onJudge(i)}>
            {t('targets.judge')}
          </Button>
        )}
        {i.reason && (
          <Tooltip title={i.reason}>
            <span style={{ marginLeft: 4, color: '#888' }}>ⓘ</span>
          </Tooltip>
        )}
      </td>
    </tr>
  );
}

export function DeclarationForm(props: { data: TargetsResponse; onJudge: (i: IndicatorResult) => void }) {
  const { t } = useI18n();
  const { sheet, evaluation, expenditures } = props.data;
  const p = sheet.project;
  const unit = p.amountUnit;
  const spentOn = (name: string) =>
    expenditures.filter((e) => e.subProject === name).reduce((s, e) => s + e.amount, 0);
  const yes = (b: boolean) => t(b ? 'targets.yes' : 'targets.no');
  return (
    <div aria-label={t('targets.form')}>
      <h2 style={{ textAlign: 'center', fontSize: 18 }}>{sheet.form}</h2>
      <table
        style={{ borderCollapse: 'collapse', width: '100%', marginBottom: 16 }}
        aria-label={t('targets.project')}
      >
        <tbody>
          <FieldRow pairs={[[t('targets.unit'), `${p.unitCode} ${p.unitName}`]]} />
          <FieldRow pairs={[[t('targets.name'), p.name]]} />
          <FieldRow
            pairs={[
              [t('targets.type'), p.type],
              [t('targets.attribute'), p.attribute],
              [t('targets.year'), p.year],
            ]}
          />
          <FieldRow
            pairs={[
              [t('targets.procurement'), yes(p.governmentProcurement)],
              [t('targets.purchased'), yes(p.governmentPurchasedService)],
            ]}
          />
          <FieldRow pairs={[[t('targets.overview'), p.overview]]} />
        </tbody>
      </table>
      <table
        style={{ borderCollapse: 'collapse', width: '100%', marginBottom: 16 }}
        aria-label={t('targets.funds')}
      >
        <thead>
          <tr>
            <th style={label}>{t('targets.subProject')}</th>
            <th style={label}>{t('targets.amount', { unit })}</th>
            <th style={label}>{t('targets.spent', { unit })}</th>
            <th style={label}>{t('targets.execution')}</th>
          </tr>
        </thead>
        <tbody>
          {p.subProjects.map((s) => (
            <tr key={s.name}>
              <td style={cell}>{s.name}</td>
              <td style={cell}>{money(s.amount)}</td>
              <td style={cell}>{money(spentOn(s.name))}</td>
              <td style={cell}>{s.amount > 0 ? pct(spentOn(s.name) / s.amount) : ''}</td>
            </tr>
          ))}
          <tr>
            <th style={label}>{t('targets.total')}</th>
            <td style={cell}>{money(props.data.budget)}</td>
            <td style={cell}>{money(props.data.spent)}</td>
            <td style={cell}>{pct(props.data.live.budget_execution_rate)}</td>
          </tr>
        </tbody>
      </table>
      <table
        style={{ borderCollapse: 'collapse', width: '100%', marginBottom: 16 }}
        aria-label={t('targets.sources', { unit })}
      >
        <thead>
          <HeaderRow
            keys={[
              'targets.source',
              'targets.sourceTotal',
              'targets.sourcePrevious',
              'targets.sourcePlanned',
            ]}
          />
        </thead>
        <tbody>
          {p.fundSources.map((f) => (
            <tr key={f.source}>
              <td style={cell}>{f.source}</td>
              <td style={cell}>{money(f.total)}</td>
              <td style={cell}>{money(f.previousYear)}</td>
              <td style={cell}>{money(f.planned)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table style={{ borderCollapse: 'collapse', width: '100%', marginBottom: 16 }}>
        <tbody>
          <FieldRow pairs={[[t('targets.plan'), p.plan]]} />
          <FieldRow pairs={[[t('targets.overallGoal'), p.overallGoal]]} />
          <FieldRow pairs={[[t('targets.annualGoal'), p.annualGoal]]} />
        </tbody>
      </table>
      <table style={{ borderCollapse: 'collapse', width: '100%' }} aria-label={t('targets.indicators')}>
        <thead>
          <HeaderRow
            keys={[
              'targets.level1',
              'targets.subProject',
              'targets.indicator',
              'targets.target',
              'targets.actual',
              'targets.status',
            ]}
          />
        </thead>
        <tbody>
          {evaluation.indicators.map((i) => (
            <IndicatorRow key={i.name} i={i} onJudge={props.onJudge} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

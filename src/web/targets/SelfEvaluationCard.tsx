/** 绩效自评 beside the form: the four parts with their points and scores, the total and the grade. */
import { Alert, Card, Space, Statistic, Tag } from 'antd';
import type { TargetsResponse } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { points } from './format';

const GRADE_COLOR = { 优: 'green', 良: 'blue', 中: 'orange', 差: 'red' } as const;

export function SelfEvaluationCard({ data }: { data: TargetsResponse }) {
  const { t } = useI18n();
  const ev = data.evaluation;
  const pending = ev.indicators.filter((i) => i.score === null).length;
  return (
    <Card title={t('targets.selfEval')} aria-label={t('targets.selfEval')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <table style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead>
            <tr>
              <th style={{ textAlign: 'left' }}></th>
              <th style={{ textAlign: 'right' }}>{t('targets.part.weight')}</th>
              <th style={{ textAlign: 'right' }}>{t('targets.part.score')}</th>
            </tr>
          </thead>
          <tbody>
            {ev.parts.map((p) => (
              <tr key={p.part} data-part={p.part}>
                <td>{t(`targets.part.${p.part}`)}</td>
                <td style={{ textAlign: 'right' }}>{p.weight}</td>
                <td style={{ textAlign: 'right' }}>
                  {p.indicators > 0 ? points(p.score) : <Tag>{t('targets.part.none')}</Tag>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Space size="large">
          <Statistic title={t('targets.totalScore')} value={points(ev.total)} />
          <div>
            <div style={{ color: 'rgba(0,0,0,0.45)' }}>{t('targets.grade')}</div>
            <Tag color={GRADE_COLOR[ev.grade]} style={{ fontSize: 20, padding: '4px 12px', marginTop: 4 }}>
              {ev.grade}
            </Tag>
          </div>
        </Space>
        {pending > 0 && <Alert type="warning" showIcon title={t('targets.incomplete', { n: pending })} />}
        <Alert
          type={data.snapshotId === null ? 'info' : 'success'}
          showIcon
          title={
            data.snapshotId === null
              ? t('targets.noSnapshot')
              : t('targets.snapshot', { id: data.snapshotId })
          }
        />
      </Space>
    </Card>
  );
}

/**
 * 绩效目标: the declaration form in its own layout with each target against its live actual
 * (green when met), the self-evaluation beside it, the expenditures, hand judgements of
 * qualitative indicators, and the files (form and 绩效自评表 as Excel and Word).
 */
import { Alert, App, Button, Col, Row, Space } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, type TargetsResponse } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { useLoad } from '../../hooks/useLoad';
import { useI18n } from '../../i18n/i18n';
import { DeclarationForm } from '../../targets/DeclarationForm';
import { Expenditures } from '../../targets/Expenditures';
import { JudgeModal } from '../../targets/JudgeModal';
import { SelfEvaluationCard } from '../../targets/SelfEvaluationCard';
import { SheetForm } from '../../targets/SheetForm';
import type { IndicatorResult } from '../../../core/targets-evaluation.js';
import type { TargetFileName } from '../../../shared/api/targets.js';
import type { PageProps } from '../routes';

const FILES: [
  TargetFileName,
  (
    | 'targets.download.form'
    | 'targets.download.formDocx'
    | 'targets.download.evalXlsx'
    | 'targets.download.evalDocx'
  ),
][] = [
  ['form.xlsx', 'targets.download.form'],
  ['form.docx', 'targets.download.formDocx'],
  ['self-evaluation.xlsx', 'targets.download.evalXlsx'],
  ['self-evaluation.docx', 'targets.download.evalDocx'],
];

export default function TargetsPage({ params }: PageProps) {
  const { t } = useI18n();
  const id = params.id ?? '';
  const loaded = useLoad(useCallback(() => api.targets(id), [id]));
  const [data, setData] = useState<TargetsResponse | null>(null);
  const [judging, setJudging] = useState<IndicatorResult | null>(null);
  const [editing, setEditing] = useState(false);
  const { message } = App.useApp();
  useEffect(() => setData(loaded.data ?? null), [loaded.data]);
  const missing = loaded.error instanceof ApiError && loaded.error.status === 404;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle>{t('nav.targets')}</PageTitle>
      {missing ? (
        <Alert type="info" showIcon title={t('targets.none')} />
      ) : (
        <ErrorAlert error={loaded.error} />
      )}
      {data && (
        <>
          <Space wrap>
            <Button type="primary" onClick={() => setEditing(true)}>
              {t('targets.edit')}
            </Button>
            {FILES.map(([name, key]) => (
              <Button key={name} href={api.targetsFileUrl(id, name)} download>
                {t(key)}
              </Button>
            ))}
          </Space>
          <Row gutter={24}>
            <Col xs={24} xl={16}>
              <DeclarationForm data={data} onJudge={setJudging} />
            </Col>
            <Col xs={24} xl={8}>
              <SelfEvaluationCard data={data} />
            </Col>
          </Row>
          <Expenditures id={id} data={data} onChange={setData} />
        </>
      )}
      {editing && data && (
        <SheetForm
          id={id}
          data={data}
          onClose={() => setEditing(false)}
          onSaved={(d) => {
            setData(d);
            setEditing(false);
            void message.success(t('targets.edit.saved'));
          }}
        />
      )}
      {judging && (
        <JudgeModal
          id={id}
          indicator={judging}
          onClose={() => setJudging(null)}
          onSaved={(d) => {
            setData(d);
            setJudging(null);
          }}
        />
      )}
    </Space>
  );
}

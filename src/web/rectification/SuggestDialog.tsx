/**
 * 生成建议: the suggestions of the server (from the published results, or the newest before
 * publication), each with a tick and its title and basis editable; 保存所选 creates the ticked
 * ones. Suggestions an agency already has an item for start unticked.
 */
import { Alert, App, Checkbox, Empty, Input, Modal, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, type RectificationSuggestion, type SuggestionList } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n } from '../i18n/i18n';
import { useAction } from '../hooks/useAction';

interface Draft extends RectificationSuggestion {
  picked: boolean;
}

export function SuggestDialog(props: {
  assessmentId: string;
  unit: string | undefined;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [list, setList] = useState<SuggestionList>();
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const { busy, error, setError, run } = useAction();

  useEffect(() => {
    api.rectificationSuggestions(props.assessmentId, props.unit).then(
      (l) => {
        setList(l);
        setDrafts(l.suggestions.map((s) => ({ ...s, picked: !s.exists })));
      },
      (e: unknown) => setError(e),
    );
  }, [props.assessmentId, props.unit]);

  const change = (i: number, patch: Partial<Draft>) =>
    setDrafts((d) => d.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const picked = drafts.filter((d) => d.picked && d.title.trim());

  const save = async () => {
    await run(async () => {
      await api.createRectification(props.assessmentId, {
        items: picked.map((d) => ({
          unitCode: d.unitCode,
          title: d.title,
          basis: d.basis,
          source: 'suggested',
        })),
      });
      void message.success(t('rect.suggest.saved', { n: picked.length }));
      props.onClose(true);
    });
  };

  const source = list ? t(list.snapshot.published ? 'rect.suggest.published' : 'rect.suggest.latest') : '';
  return (
    <Modal
      open
      width={880}
      title={t('rect.suggest.title', { snapshot: source })}
      okText={t('rect.suggest.save', { n: picked.length })}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: picked.length === 0, loading: busy }}
      onOk={() => void save()}
      onCancel={() => props.onClose(false)}
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <ErrorAlert error={error} />
        {!list && !error && <Spin />}
        {list && drafts.length > 0 && <Alert type="info" showIcon title={t('rect.suggest.intro')} />}
        {list && drafts.length === 0 && <Empty description={t('rect.suggest.none')} />}
        {drafts.map((d, i) => (
          <div
            key={`${d.unitCode}.${d.key}`}
            data-testid="rect-suggestion"
            style={{ border: '1px solid #d9d9d9', borderRadius: 8, padding: 12 }}
          >
            <Space orientation="vertical" style={{ width: '100%' }} size="small">
              <Space wrap>
                <Checkbox
                  checked={d.picked}
                  onChange={(e) => change(i, { picked: e.target.checked })}
                  aria-label={`${d.unitName} ${d.title}`}
                />
                <Typography.Text strong>{d.unitName}</Typography.Text>
                {d.reasons.map((r) => (
                  <Tag key={r}>{t(`rect.reason.${r}`)}</Tag>
                ))}
                {d.exists && <Tag color="orange">{t('rect.suggest.exists')}</Tag>}
              </Space>
              <Input
                value={d.title}
                aria-label={t('rect.title')}
                onChange={(e) => change(i, { title: e.target.value })}
              />
              <Input.TextArea
                value={d.basis}
                aria-label={t('rect.basis')}
                autoSize={{ minRows: 1, maxRows: 4 }}
                onChange={(e) => change(i, { basis: e.target.value })}
              />
            </Space>
          </div>
        ))}
      </Space>
    </Modal>
  );
}

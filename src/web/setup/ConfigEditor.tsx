/**
 * What the configuration pages share: the configuration loaded with its version, a draft the
 * page edits, and 保存, which asks first, sends the whole configuration at the version read and
 * shows the server's refusal as it is (which field, how many stored answers). Only admins save;
 * analysts see the same page read-only.
 */
import { Alert, App, Button, Space, Typography } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { api, type AssessmentConfig, type ConfigDoc } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageTitle } from '../components/PageTitle';
import { useLoad } from '../hooks/useLoad';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { useSession } from '../console/session';
import type { DraftProblem } from './config-edit';

export interface Editor {
  doc: ConfigDoc;
  /** the edited configuration (starts as the stored one) */
  draft: AssessmentConfig;
  setDraft: (f: (c: AssessmentConfig) => AssessmentConfig) => void;
  canEdit: boolean;
  /** agencies of the assessment (targets, categories) */
  units: { code: string; name: string; category: string }[] | undefined;
}

export function useConfigEditor(id: string) {
  const [doc, setDoc] = useState<ConfigDoc | null>(null);
  const [draft, setDraftState] = useState<AssessmentConfig | null>(null);
  const [error, setError] = useState<unknown>(null);
  const units = useLoad(useCallback(() => api.units(id), [id])).data;
  const load = useCallback(() => {
    api.config(id).then(
      (d) => {
        setDoc(d);
        setDraftState(structuredClone(d.config));
        setError(null);
      },
      (e: unknown) => setError(e),
    );
  }, [id]);
  useEffect(load, [load]);
  const setDraft = useCallback(
    (f: (c: AssessmentConfig) => AssessmentConfig) => setDraftState((c) => (c ? f(structuredClone(c)) : c)),
    [],
  );
  return { doc, draft, setDraft, error, reload: load, setDoc, setDraftState, units };
}

/** The page frame: title, the read-only note, the body, and the save bar. */
export function ConfigPage(props: {
  id: string;
  title: MessageKey;
  intro: MessageKey;
  problems: (draft: AssessmentConfig) => DraftProblem[];
  children: (e: Editor) => ReactNode;
}) {
  const { t, date } = useI18n();
  const { message, modal } = App.useApp();
  const canEdit = useSession().session.user.role === 'admin';
  const ed = useConfigEditor(props.id);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const { doc, draft } = ed;
  const dirty = doc !== null && draft !== null && JSON.stringify(doc.config) !== JSON.stringify(draft);
  const problems = draft ? props.problems(draft) : [];

  const save = () => {
    if (!doc || !draft) return;
    modal.confirm({
      title: t('setup.save.confirm'),
      content: t('setup.save.confirmText'),
      okText: t('setup.save'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        setSaving(true);
        setSaveError(null);
        try {
          const r = await api.saveConfig(props.id, { config: draft, updatedAt: doc.updatedAt });
          ed.setDoc({ config: r.config, updatedAt: r.updatedAt });
          ed.setDraftState(structuredClone(r.config));
          void message.success(t('setup.saved', { n: r.changes.length }));
        } catch (e) {
          setSaveError(e);
        } finally {
          setSaving(false);
        }
      },
    });
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle>{`${t(props.title)} · ${doc?.config.name ?? props.id}`}</PageTitle>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t(props.intro)}
      </Typography.Paragraph>
      {!canEdit && <Alert type="info" showIcon title={t('setup.readOnly')} />}
      <ErrorAlert error={ed.error} />
      {doc && draft && props.children({ doc, draft, setDraft: ed.setDraft, canEdit, units: ed.units })}
      {doc && draft && canEdit && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {problems.length > 0 && (
            <Alert
              role="alert"
              type="warning"
              showIcon
              title={t('setup.problems', { n: problems.length })}
              description={problems.map((p) => `${p.field}: ${t(p.key)}`).join('；')}
            />
          )}
          <ErrorAlert error={saveError} />
          <Space>
            <Button type="primary" disabled={!dirty || problems.length > 0} loading={saving} onClick={save}>
              {t('setup.save')}
            </Button>
            <Button disabled={!dirty || saving} onClick={() => ed.setDraftState(structuredClone(doc.config))}>
              {t('setup.discard')}
            </Button>
            <Typography.Text type="secondary">
              {dirty ? t('setup.unsaved') : t('setup.savedAt', { at: date(doc.updatedAt) })}
            </Typography.Text>
          </Space>
        </Space>
      )}
    </Space>
  );
}

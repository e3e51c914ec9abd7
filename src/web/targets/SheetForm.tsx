/**
 * 编辑申报表 as a form (issue 9 item 4): project information, funds, plan and goals, the
 * indicator table, and the raw JSON as an advanced tab. Save asks first and PUTs the whole sheet
 * (without its expenditures, which the server keeps); a 422 naming a field opens its tab,
 * marks the input red and scrolls to it. Closing with unsaved changes asks first.
 */
import { Alert, App, Input, Modal, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError, type TargetsResponse } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n } from '../i18n/i18n';
import type { TargetIndicator, TargetProject } from '../../core/targets.js';
import { IndicatorsTab } from './IndicatorsTab';
import { FundsTab, PlanTab, ProjectTab } from './SheetFields';
import { fieldLocation, problemField, type EditableSheet } from './sheet-form';

type Tab = 'project' | 'funds' | 'plan' | 'indicators' | 'json';

function initial(data: TargetsResponse): EditableSheet {
  const { expenditures: _, ...sheet } = data.sheet;
  return sheet;
}

export function SheetForm(props: {
  id: string;
  data: TargetsResponse;
  onClose: () => void;
  onSaved: (d: TargetsResponse) => void;
}) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const [sheet, setSheet] = useState<EditableSheet>(() => initial(props.data));
  const [json, setJson] = useState('');
  const [tab, setTab] = useState<Tab>('project');
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [errorField, setErrorField] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const setProject = (f: (p: TargetProject) => TargetProject) => {
    setSheet((s) => ({ ...s, project: f(s.project) }));
    setDirty(true);
  };
  const setIndicators = (f: (r: TargetIndicator[]) => TargetIndicator[]) => {
    setSheet((s) => ({ ...s, indicators: f(s.indicators) }));
    setDirty(true);
  };

  // after a refused save: bring the named input into view once its tab is rendered
  useEffect(() => {
    if (!errorField) return;
    const timer = setTimeout(() => {
      const el = document.querySelector<HTMLElement>(`[data-field="${errorField}"]`);
      el?.scrollIntoView({ block: 'center', inline: 'center' });
      // Select and InputNumber may put the attribute on a wrapper: focus the input inside
      (el?.matches('input, textarea') ? el : el?.querySelector<HTMLElement>('input'))?.focus();
    }, 50);
    return () => clearTimeout(timer);
  }, [errorField, tab]);

  /** The sheet to send: from the JSON tab when it is open, else the form. */
  const current = (): EditableSheet | null => {
    if (tab !== 'json') return sheet;
    try {
      return JSON.parse(json) as EditableSheet;
    } catch (e) {
      setError(new Error(`JSON: ${(e as Error).message}`));
      return null;
    }
  };

  const changeTab = (next: Tab) => {
    if (next === 'json') setJson(JSON.stringify(sheet, null, 2));
    else if (tab === 'json') {
      const parsed = current();
      if (!parsed) return;
      setSheet(parsed);
    }
    setTab(next);
  };

  const save = async (body: EditableSheet) => {
    setBusy(true);
    setError(null);
    setErrorField(null);
    try {
      props.onSaved(await api.putTargets(props.id, body));
    } catch (e) {
      setError(e);
      const path = e instanceof ApiError ? problemField(e.problem) : null;
      const loc = path ? fieldLocation(path) : null;
      if (loc) {
        if (tab !== 'json') setTab(loc.tab);
        setErrorField(loc.field);
      }
    } finally {
      setBusy(false);
    }
  };

  const askSave = () => {
    const body = current();
    if (!body) return;
    modal.confirm({
      title: t('targets.sheet.confirmSave'),
      content: t('targets.sheet.confirmSaveBody'),
      okText: t('targets.edit.save'),
      cancelText: t('common.cancel'),
      onOk: () => save(body),
    });
  };

  const close = () => {
    if (!dirty && tab !== 'json') return props.onClose();
    modal.confirm({
      title: t('targets.sheet.discard'),
      content: t('targets.sheet.discardBody'),
      okText: t('targets.sheet.discardOk'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: props.onClose,
    });
  };

  const tabProps = { sheet, setProject, errorField };
  const where = errorField ? t('targets.sheet.errorAt', { field: errorField }) : null;
  return (
    <Modal
      open
      width="min(1400px, 96vw)"
      title={t('targets.sheet.title')}
      okText={t('targets.edit.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={close}
      onOk={askSave}
      maskClosable={false}
    >
      {where && <Alert type="error" showIcon title={where} style={{ marginBottom: 8 }} />}
      <ErrorAlert error={error} />
      <Tabs
        activeKey={tab}
        onChange={(k) => changeTab(k as Tab)}
        items={[
          { key: 'project', label: t('targets.sheet.tab.project'), children: <ProjectTab {...tabProps} /> },
          { key: 'funds', label: t('targets.sheet.tab.funds'), children: <FundsTab {...tabProps} /> },
          { key: 'plan', label: t('targets.sheet.tab.plan'), children: <PlanTab {...tabProps} /> },
          {
            key: 'indicators',
            label: t('targets.sheet.tab.indicators'),
            children: <IndicatorsTab sheet={sheet} setIndicators={setIndicators} errorField={errorField} />,
          },
          {
            key: 'json',
            label: t('targets.sheet.tab.json'),
            children: (
              <>
                <p>{t('targets.edit.hint')}</p>
                <Input.TextArea
                  aria-label={t('targets.edit.title')}
                  value={json}
                  onChange={(e) => {
                    setJson(e.target.value);
                    setDirty(true);
                  }}
                  autoSize={{ minRows: 16, maxRows: 30 }}
                  style={{ fontFamily: 'monospace', fontSize: 12 }}
                />
              </>
            ),
          },
        ]}
      />
    </Modal>
  );
}

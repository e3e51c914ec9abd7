/**
 * 编辑申报表: the sheet as JSON (SPEC §4.8, without its expenditures, which stay), saved with PUT;
 * the server's error names the offending field. The Excel form is edited offline and imported
 * with `kaoping import targets`.
 */
import { Input, Modal } from 'antd';
import { useState } from 'react';
import { api, type TargetsResponse } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n } from '../i18n/i18n';

export function SheetEditor(props: {
  id: string;
  data: TargetsResponse;
  onClose: () => void;
  onSaved: (d: TargetsResponse) => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(() => {
    const { expenditures: _, ...sheet } = props.data.sheet;
    return JSON.stringify(sheet, null, 2);
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setError(null);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      setError(new Error(`JSON: ${(e as Error).message}`));
      return;
    }
    setBusy(true);
    try {
      props.onSaved(await api.putTargets(props.id, body));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={900}
      title={t('targets.edit.title')}
      okText={t('targets.edit.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={props.onClose}
      onOk={() => void save()}
    >
      <p>{t('targets.edit.hint')}</p>
      <ErrorAlert error={error} />
      <Input.TextArea
        aria-label={t('targets.edit.title')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 16, maxRows: 30 }}
        style={{ fontFamily: 'monospace', fontSize: 12 }}
      />
    </Modal>
  );
}

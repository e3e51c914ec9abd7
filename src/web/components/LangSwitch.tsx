import { Button } from 'antd';
import { useI18n } from '../i18n/i18n';

/** 中文 ⇄ English; the choice is kept in localStorage. */
export function LangSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Button
      type="text"
      lang={lang === 'zh' ? 'en' : 'zh-CN'}
      aria-label={t('lang.switch.label')}
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
    >
      {t('lang.switch')}
    </Button>
  );
}

/**
 * 实施时间: per channel the first and last day of fieldwork (YYYY-MM-DD in the configuration),
 * picked with Chinese dates; an end before its start is flagged and cannot be saved.
 */
import { Card, DatePicker, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Channel } from '../../../core/config.js';
import { useI18n } from '../../i18n/i18n';
import { CHANNEL_LIST, scheduleProblems, tidy, type Schedule } from '../../setup/config-edit';
import { ConfigPage, type Editor } from '../../setup/ConfigEditor';
import type { PageProps } from '../routes';

const DAY = 'YYYY-MM-DD';
type Window = NonNullable<Schedule[Channel]>;

function ScheduleBody({ ed }: { ed: Editor }) {
  const { t, lang } = useI18n();
  const schedule: Schedule = ed.draft.schedule ?? {};
  const shown = lang === 'zh' ? 'YYYY年M月D日' : DAY;
  const set = (c: Channel, part: 'start' | 'end', v: string | undefined) =>
    ed.setDraft((cfg) => {
      const w: Window = { ...(cfg.schedule?.[c] ?? {}) };
      if (v === undefined) delete w[part];
      else w[part] = v;
      const next = tidy<Window>({ ...(cfg.schedule ?? {}), [c]: w });
      if (next) cfg.schedule = next;
      else delete cfg.schedule;
      return cfg;
    });
  const bad = new Set(scheduleProblems(schedule).map((p) => p.field));
  const picker = (c: Channel, part: 'start' | 'end') => {
    const v = schedule[c]?.[part];
    return (
      <DatePicker
        aria-label={`${t(`quality.channel.${c}`)} ${t(`schedule.${part}`)}`}
        value={v ? dayjs(v) : null}
        format={shown}
        style={{ width: 180 }}
        disabled={!ed.canEdit}
        status={bad.has(`schedule.${c}`) ? 'error' : undefined}
        onChange={(d) => set(c, part, d ? d.format(DAY) : undefined)}
      />
    );
  };
  return (
    <Card size="small">
      <Table
        rowKey={(c) => c}
        pagination={false}
        aria-label={t('nav.schedule')}
        dataSource={[...CHANNEL_LIST]}
        columns={[
          { key: 'channel', title: t('quotas.channel'), render: (_, c) => t(`quality.channel.${c}`) },
          { key: 'start', title: t('schedule.start'), render: (_, c) => picker(c, 'start') },
          { key: 'end', title: t('schedule.end'), render: (_, c) => picker(c, 'end') },
          {
            key: 'days',
            title: t('schedule.days'),
            render: (_, c) => {
              const w = schedule[c];
              if (bad.has(`schedule.${c}`))
                return <Typography.Text type="danger">{t('setup.problem.dates')}</Typography.Text>;
              if (!w?.start || !w.end) return '—';
              return t('schedule.daysN', { n: dayjs(w.end).diff(dayjs(w.start), 'day') + 1 });
            },
          },
        ]}
      />
    </Card>
  );
}

export default function SchedulePage({ params }: PageProps) {
  return (
    <ConfigPage
      id={params.id ?? ''}
      title="nav.schedule"
      intro="schedule.intro"
      problems={(c) => scheduleProblems(c.schedule ?? {})}
    >
      {(ed) => <ScheduleBody ed={ed} />}
    </ConfigPage>
  );
}

/**
 * The top of the wallboard: one card per channel (电话回访 3,912 / 4,450 with a progress ring in
 * the colour of its status, the quota and the schedule window) and the evaluation firm's own
 * satisfaction rating from the newest analysis.
 */
import { Card, Progress as Ring, Space, Tag, Typography } from 'antd';
import type { Progress } from '../api/client';
import { useI18n, type Translate } from '../i18n/i18n';
import { age, count, percent } from '../results/format';
import { colorsOf, isChannel } from './status';

type ChannelProgress = Progress['channels'][number];

export const channelName = (t: Translate, c: string): string =>
  isChannel(c) ? t(`quality.channel.${c}`) : c;

const cardStyle = { flex: '1 1 180px', minWidth: 180 } as const;

function ChannelCard({ c }: { c: ChannelProgress }) {
  const { t } = useI18n();
  const colors = colorsOf(c.status);
  const share = c.target ? Math.min(1, c.towardTarget / c.target) : c.target === 0 ? 1 : null;
  const quota =
    c.quota === 'perUnit'
      ? t('progress.quota.perUnit', { n: c.perUnit ?? 0 })
      : c.quota === 'total'
        ? t('progress.quota.total', { n: count(c.target) })
        : t('progress.noTarget');
  // the bounds as configured (a date or a date-time): short, and exactly what was set
  const day = (s: string | null) => s ?? '…';
  return (
    <Card size="small" style={cardStyle} data-testid={`progress-card-${c.channel}`}>
      <Space orientation="vertical" align="center" style={{ width: '100%' }} size={4}>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {channelName(t, c.channel)}
        </Typography.Text>
        <Ring
          type="circle"
          size={104}
          percent={share === null ? 0 : Math.round(share * 1000) / 10}
          strokeColor={colors.stroke}
          format={() => (share === null ? t('progress.noTarget.short') : percent(share))}
        />
        <span style={{ fontSize: 22, fontWeight: 600 }} data-testid={`progress-count-${c.channel}`}>
          {count(c.stored)}
          {c.target !== null ? (
            <Typography.Text type="secondary" style={{ fontSize: 16, fontWeight: 400 }}>
              {' / '}
              {count(c.target)}
            </Typography.Text>
          ) : null}
        </span>
        {c.responses !== c.stored ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('progress.ratingsOf', { n: count(c.responses) })}
          </Typography.Text>
        ) : null}
        <Space size={4} wrap style={{ justifyContent: 'center' }}>
          {c.status ? (
            <Tag color={colors.stroke} style={{ marginInlineEnd: 0 }}>
              {t(`progress.status.${c.status}`)}
            </Tag>
          ) : null}
          <Typography.Text type="secondary">{quota}</Typography.Text>
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {c.window
            ? `${t('progress.window', { start: day(c.window.start), end: day(c.window.end) })}${
                c.elapsed !== null ? ` · ${t('progress.elapsed', { p: percent(c.elapsed) })}` : ''
              }`
            : t('progress.noWindow')}
        </Typography.Text>
      </Space>
    </Card>
  );
}

function FirmCard({ firm }: { firm: NonNullable<Progress['firm']> }) {
  const { t, date } = useI18n();
  const rate = firm.satisfactionRate;
  return (
    <Card size="small" style={cardStyle} data-testid="progress-firm">
      <Space orientation="vertical" align="center" style={{ width: '100%' }} size={4}>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {t('progress.firm')}
        </Typography.Text>
        <Ring
          type="dashboard"
          size={104}
          percent={rate === null ? 0 : Math.round(rate * 1000) / 10}
          strokeColor="#722ed1"
          format={() => (rate === null ? '—' : percent(rate))}
        />
        <Typography.Text>{t('progress.firm.responses', { n: count(firm.responses) })}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
          {firm.snapshot
            ? t('progress.firm.from', {
                at: date(firm.snapshot.createdAt),
                age: age(t, firm.snapshot.ageSeconds),
              })
            : t('progress.firm.none')}
        </Typography.Text>
      </Space>
    </Card>
  );
}

export function ProgressCards({ progress }: { progress: Progress }) {
  return (
    <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
      {progress.channels.map((c) => (
        <ChannelCard key={c.channel} c={c} />
      ))}
      {progress.firm ? <FirmCard firm={progress.firm} /> : null}
    </div>
  );
}

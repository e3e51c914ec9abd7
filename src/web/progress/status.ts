/** The colours of the three statuses (落后 red, 进度正常 amber, 已完成 green) and of "no target". */
import type { ProgressStatus } from '../../shared/api/progress.js';

export const STATUS_COLORS: Record<ProgressStatus | 'none', { stroke: string; bg: string; fg: string }> = {
  behind: { stroke: '#ff4d4f', bg: '#fff1f0', fg: '#a8071a' },
  on_track: { stroke: '#faad14', bg: '#fffbe6', fg: '#874d00' },
  met: { stroke: '#52c41a', bg: '#f6ffed', fg: '#237804' },
  none: { stroke: '#1677ff', bg: '#fafafa', fg: '#262626' },
};

/** the statuses in display order (a value here: the shared module would bring typebox along) */
export const STATUSES: readonly ProgressStatus[] = ['behind', 'on_track', 'met'];

export const colorsOf = (s: ProgressStatus | null) => STATUS_COLORS[s ?? 'none'];

/** A known channel code, for the channel message keys. */
export const CHANNEL_KEYS = ['phone', 'intercept', 'online', 'peer'] as const;
export type ChannelKey = (typeof CHANNEL_KEYS)[number];
export const isChannel = (c: string): c is ChannelKey => (CHANNEL_KEYS as readonly string[]).includes(c);

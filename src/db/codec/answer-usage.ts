/**
 * Usage statistics of stored answers: how many answers use each (group, item, channel, value).
 * Computed from the responses being stored (storeResponses) or from a stored block (the backfill
 * migration), and summed into the answer_usage table.
 */
import { CHANNELS } from '../../core/config.js';
import { decodeBlock, type BlockResponse } from './block-codec.js';

export interface UsageCount {
  group: string;
  item: string;
  channel: string;
  value: number;
  n: number;
}

const SEP = '\u0000';

function collect(): { add(key: string): void; rows(): UsageCount[] } {
  const counts = new Map<string, number>();
  return {
    add: (key) => void counts.set(key, (counts.get(key) ?? 0) + 1),
    rows: () =>
      [...counts].map(([key, n]) => {
        const [group, item, channel, value] = key.split(SEP) as [string, string, string, string];
        return { group, item, channel, value: Number(value), n };
      }),
  };
}

/** The usage counts of responses about to be stored. */
export function usageOfResponses(responses: readonly BlockResponse[]): UsageCount[] {
  const c = collect();
  for (const r of responses) {
    for (const a of r.answers) c.add(`${r.group}${SEP}${a.item}${SEP}${r.channel}${SEP}${a.value}`);
  }
  return c.rows();
}

/** The usage counts of one stored block. */
export function usageOfBlock(data: Uint8Array): UsageCount[] {
  const b = decodeBlock(data);
  const c = collect();
  const { groups, items } = b.header;
  for (let i = 0; i < b.header.n; i++) {
    const prefix = `${groups[b.group[i]!]}${SEP}`;
    const channel = `${SEP}${CHANNELS[b.channel[i]!]}${SEP}`;
    for (let a = b.answerStart[i]!; a < b.answerStart[i + 1]!; a++)
      c.add(`${prefix}${items[b.item[a]!]}${channel}${b.value[a]}`);
  }
  return c.rows();
}

/**
 * Usage statistics of stored answers: how many answers use each (group, item, channel, value).
 * Computed from the responses being stored (storeResponses) or from a stored block (the backfill
 * migration), and summed into the answer_usage table.
 */
import { CHANNELS } from '../../core/config.js';
import type { AnswerUsage } from '../../core/config-change.js';
import { decodeBlock, type BlockResponse } from './block-codec.js';

export type UsageCount = AnswerUsage;

/**
 * Counts by (group, channel) → item → value, without building a string per answer: storing
 * a million responses × 20 answers passes here once.
 */
function counter() {
  const byResponse = new Map<string, { group: string; channel: string; items: Map<string, Float64Array> }>();
  return {
    response(group: string, channel: string) {
      const key = `${group}\u0000${channel}`;
      let e = byResponse.get(key);
      if (!e) byResponse.set(key, (e = { group, channel, items: new Map() }));
      const items = e.items;
      return (item: string, value: number) => {
        let counts = items.get(item);
        if (!counts) items.set(item, (counts = new Float64Array(256)));
        counts[value & 255]!++;
      };
    },
    rows(): UsageCount[] {
      const out: UsageCount[] = [];
      for (const { group, channel, items } of byResponse.values()) {
        for (const [item, counts] of items) {
          counts.forEach((n, value) => {
            if (n > 0) out.push({ group, item, channel, value, n });
          });
        }
      }
      return out;
    },
  };
}

/** The usage counts of responses about to be stored. */
export function usageOfResponses(responses: readonly BlockResponse[]): UsageCount[] {
  const c = counter();
  for (const r of responses) {
    const add = c.response(r.group, r.channel);
    for (const a of r.answers) add(a.item, a.value);
  }
  return c.rows();
}

/** The usage counts of one stored block. */
export function usageOfBlock(data: Uint8Array): UsageCount[] {
  const b = decodeBlock(data);
  const c = counter();
  const { groups, items } = b.header;
  for (let i = 0; i < b.header.n; i++) {
    const add = c.response(groups[b.group[i]!]!, CHANNELS[b.channel[i]!]!);
    for (let a = b.answerStart[i]!; a < b.answerStart[i + 1]!; a++) add(items[b.item[a]!]!, b.value[a]!);
  }
  return c.rows();
}

/**
 * Fieldwork counts of stored responses: per (agency, channel, group) the number of responses
 * that rated the agency (each response once per agency, however many items it answered about
 * it), and per (channel, group) under unit '' the number of responses. Computed from the
 * responses being stored (writeResponses) or from a stored block (the backfill migration 0030),
 * and summed into the unit_channel_counts table.
 */
import { CHANNELS } from '../../core/config.js';
import { decodeBlock, type BlockResponse } from './block-codec.js';

export interface UnitChannelCount {
  /** the rated agency; '' counts every response once */
  unit: string;
  channel: string;
  group: string;
  n: number;
}

/** The key '' stands for "all responses": agency codes are never empty (units import refuses it). */
export const ALL_RESPONSES = '';

function counter() {
  const counts = new Map<string, UnitChannelCount>();
  const add = (unit: string, channel: string, group: string) => {
    const key = `${unit}\u0000${channel}\u0000${group}`;
    const c = counts.get(key);
    if (c) c.n++;
    else counts.set(key, { unit, channel, group, n: 1 });
  };
  return {
    /** one response with the distinct agencies it rated */
    response(channel: string, group: string, targets: Iterable<string>) {
      add(ALL_RESPONSES, channel, group);
      for (const t of targets) add(t, channel, group);
    },
    rows: (): UnitChannelCount[] => [...counts.values()],
  };
}

/** The counts of responses about to be stored. */
export function countsOfResponses(responses: readonly BlockResponse[]): UnitChannelCount[] {
  const c = counter();
  for (const r of responses) {
    const targets = new Set<string>();
    for (const a of r.answers) if (a.target !== null && a.target !== '') targets.add(a.target);
    c.response(r.channel, r.group, targets);
  }
  return c.rows();
}

/** The counts of one stored block. */
export function countsOfBlock(data: Uint8Array): UnitChannelCount[] {
  const b = decodeBlock(data);
  const c = counter();
  const { groups, units } = b.header;
  const targets = new Set<string>();
  for (let i = 0; i < b.header.n; i++) {
    targets.clear();
    for (let a = b.answerStart[i]!; a < b.answerStart[i + 1]!; a++) {
      const t = b.target[a]!;
      if (t >= 0) targets.add(units[t]!);
    }
    c.response(CHANNELS[b.channel[i]!]!, groups[b.group[i]!]!, targets);
  }
  return c.rows();
}

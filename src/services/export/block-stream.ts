/**
 * The stored responses, one decoded block at a time with the text answers of that block only:
 * an export holds one block (a few thousand responses) in memory, never the whole assessment
 * or all its comments.
 */
import { CHANNELS } from '../../core/config.js';
import { VALUE_BLANK, VALUE_DK, VALUE_TEXT } from '../../core/response-table.js';
import { responseAnswerKey } from '../../shared/cell-values.js';
import { decodeBlock, type DecodedBlock } from '../../db/codec/block-codec.js';
import { type Db } from '../../db/repos/common.js';
import { listBlocks, loadBlock, loadBlockComments } from '../../db/repos/responses.js';

export { VALUE_BLANK, VALUE_DK, VALUE_TEXT };

/** One block, ready to be written. */
export interface ExportBlock {
  b: DecodedBlock;
  /** the block's unit dictionary with '' for "no unit" at index -1 (see unitAt) */
  units: readonly string[];
  items: readonly string[];
  groups: readonly string[];
  channels: readonly string[];
  /** the text of a text answer (response id, target, item) */
  text(responseId: string, target: string, item: string): string;
}

export const unitAt = (blk: ExportBlock, u: number): string => (u < 0 ? '' : blk.units[u]!);

export async function* exportBlocks(db: Db, assessmentId: string): AsyncGenerator<ExportBlock> {
  for (const { id } of await listBlocks(db, assessmentId)) {
    const [data, comments] = await Promise.all([loadBlock(db, id), loadBlockComments(db, assessmentId, id)]);
    const b = decodeBlock(data);
    const texts = new Map<string, string>();
    for (const c of comments) texts.set(responseAnswerKey(c.response_id, c.target_unit, c.item), c.text);
    yield {
      b,
      units: b.header.units,
      items: b.header.items,
      groups: b.header.groups,
      channels: CHANNELS,
      text: (rid, target, item) => texts.get(responseAnswerKey(rid, target, item)) ?? '',
    };
  }
}

/** Rating codes are 1..points; everything else (DK, text, blank) is a marker. */
export const isRating = (v: number): boolean => v >= 1 && v <= 250;

/**
 * The wide rows of response i: one per target agency (in first-answer order), each a list of
 * value codes per item column (-1 = not asked) and, for text answers, their texts.
 */
export function wideTargets(
  blk: ExportBlock,
  i: number,
  itemCol: Map<string, number>,
  nItems: number,
): { target: string; codes: Int16Array; texts: (string | undefined)[] }[] {
  const { b } = blk;
  const out: { target: string; codes: Int16Array; texts: (string | undefined)[] }[] = [];
  let last: (typeof out)[number] | undefined;
  for (let a = b.answerStart[i]!; a < b.answerStart[i + 1]!; a++) {
    const target = unitAt(blk, b.target[a]!);
    if (last?.target !== target) {
      last = out.find((t) => t.target === target);
      if (!last) {
        last = { target, codes: new Int16Array(nItems).fill(-1), texts: [] };
        out.push(last);
      }
    }
    const item = blk.items[b.item[a]!]!;
    const col = itemCol.get(item);
    if (col === undefined) continue;
    const v = b.value[a]!;
    last.codes[col] = v;
    if (v === VALUE_TEXT) last.texts[col] = blk.text(b.responseIds[i]!, target, item);
  }
  return out;
}

/**
 * Copying a decoded block's answers into a response table: kept apart from block-codec.ts so
 * that the scan worker's bundle (services/scan-worker.ts) stays small.
 */
import type { ResponseTable } from '../../core/response-table.js';
import type { ItemIndexArray, UnitIndexArray } from './block-codec.js';

/**
 * A block's answer columns, still to be copied into the table from answer `at` on (copyAnswers):
 * a piece of work that any thread holding the table's SharedArrayBuffers can do.
 */
export interface AnswerCopy {
  at: number;
  target: UnitIndexArray;
  item: ItemIndexArray;
  value: Uint8Array;
  /** block dictionary index → assessment index; null when they are the same */
  unitMap: Int32Array | null;
  itemMap: Int32Array | null;
}

/**
 * Copies a block's answers into the table. The importer lists units in the assessment's order
 * (DictionaryOrder), and items usually come in configuration order: then the columns are copied
 * (set() widens narrow indices, −1 included, as fast as a plain copy), else remapped.
 */
export function copyAnswers(t: Pick<ResponseTable, 'target' | 'item' | 'value'>, c: AnswerCopy): void {
  t.value.set(c.value, c.at);
  if (c.unitMap) remapInto(c.target, c.unitMap, t.target, c.at);
  else t.target.set(c.target, c.at);
  if (c.itemMap) remapInto(c.item, c.itemMap, t.item, c.at);
  else t.item.set(c.item, c.at);
}

/** out[at + k] = map[src[k]] (−1 stays −1). */
function remapInto(
  src: UnitIndexArray | ItemIndexArray,
  map: Int32Array,
  out: Int32Array | Uint16Array,
  at: number,
): void {
  for (let k = 0; k < src.length; k++) {
    const u = src[k]!;
    out[at + k] = u < 0 ? -1 : map[u]!;
  }
}

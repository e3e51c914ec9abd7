/**
 * The validity reason that compares responses with each other (SPEC §5.1): duplicate. The other
 * rules look at one response at a time and live in scan.ts.
 */
import { REASON_DUPLICATE } from './analysis-types.js';
import { equalAt, lessAt, type ResponseTable } from './response-table.js';

/**
 * Whether response i comes before response j among responses sharing a respondent key:
 * earlier submitted_at first, an empty (NaN) submitted_at last, ties by the smaller response_id
 * (plain string order, i.e. UTF-16 code units).
 */
export function comesFirst(t: ResponseTable, i: number, j: number): boolean {
  const si = t.submittedMs[i] as number;
  const sj = t.submittedMs[j] as number;
  if (si < sj) return true;
  if (si > sj) return false;
  const ni = Number.isNaN(si);
  const nj = Number.isNaN(sj);
  if (ni !== nj) return nj; // exactly one is empty: the dated one comes first
  return lessAt(t.responseId, i, j);
}

/**
 * duplicate: within a group, every response with a non-empty respondent_key except the one that
 * comes first (comesFirst). Keyed responses are radix-sorted by a hash of (group, key), so equal
 * keys end up adjacent; runs of equal hashes are then split by the actual (group, key). This is
 * several times faster than a Map over a million keys.
 */
export function markDuplicates(t: ResponseTable, reasons: Uint8Array): void {
  const { group, respondentKey } = t;
  const { bytes, offsets } = respondentKey;
  const n = t.n;
  let m = 0;
  for (let i = 0; i < n; i++) if (offsets[i] !== offsets[i + 1]) m++;
  if (m < 2) return;
  let idx = new Int32Array(m);
  let hash = new Uint32Array(m);
  m = 0;
  for (let i = 0; i < n; i++) {
    const s = offsets[i] as number;
    const e = offsets[i + 1] as number;
    if (s === e) continue; // no key
    // 32-bit hash of (group, key): FNV-1a over the key's UTF-8 bytes, murmur3 finaliser
    let h = 0x811c9dc5 ^ Math.imul((group[i] as number) + 1, 0x9e3779b1);
    for (let k = s; k < e; k++) h = Math.imul(h ^ (bytes[k] as number), 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    idx[m] = i;
    hash[m++] = h >>> 0;
  }
  // LSD radix sort by hash, two passes of 16 bits
  let idx2 = new Int32Array(m);
  let hash2 = new Uint32Array(m);
  const count = new Int32Array(65537);
  for (let shift = 0; shift < 32; shift += 16) {
    count.fill(0);
    for (let k = 0; k < m; k++) count[(((hash[k] as number) >>> shift) & 0xffff) + 1]!++;
    for (let b = 0; b < 65536; b++) count[b + 1]! += count[b] as number;
    for (let k = 0; k < m; k++) {
      const pos = count[((hash[k] as number) >>> shift) & 0xffff]!++;
      idx2[pos] = idx[k] as number;
      hash2[pos] = hash[k] as number;
    }
    [idx, idx2] = [idx2, idx];
    [hash, hash2] = [hash2, hash];
  }
  // within each run of equal hashes: one leader per distinct (group, key), the first wins
  const leaders: number[] = [];
  for (let s = 0; s < m;) {
    let e = s + 1;
    while (e < m && hash[e] === hash[s]) e++;
    if (e - s > 1) {
      leaders.length = 0;
      for (let k = s; k < e; k++) {
        const i = idx[k] as number;
        let l = 0;
        while (l < leaders.length) {
          const j = leaders[l] as number;
          if (group[j] === group[i] && equalAt(respondentKey, j, respondentKey, i)) break;
          l++;
        }
        if (l === leaders.length) {
          leaders.push(i);
        } else if (comesFirst(t, i, leaders[l] as number)) {
          reasons[leaders[l] as number]! |= REASON_DUPLICATE;
          leaders[l] = i;
        } else {
          reasons[i]! |= REASON_DUPLICATE;
        }
      }
    }
    s = e;
  }
}

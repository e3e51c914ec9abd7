/**
 * Where the chart fonts are: Noto Sans CJK SC from Debian's fonts-noto-cjk (what `.ci/run`
 * installs), and DejaVu Sans (fonts-dejavu-core, on nearly every Debian machine) for the digits
 * — see reports/charts.ts for why two fonts.
 */
import fs from 'node:fs';
import type { ChartFonts } from '../../reports/charts.js';
import { KpError } from '../../shared/errors.js';

const CJK = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf',
];
const LATIN = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans.ttf'];

export function chartFonts(): ChartFonts {
  const cjk = CJK.find((f) => fs.existsSync(f));
  if (!cjk)
    throw new KpError(
      'KP_INTERNAL',
      'the Chinese font Noto Sans CJK SC is not installed: install the Debian package fonts-noto-cjk',
    );
  return { cjk, latin: LATIN.find((f) => fs.existsSync(f)) ?? null };
}

/**
 * `kaoping import config`: an assessment's configuration (SPEC §4.1), created or replaced.
 */
import fs from 'node:fs';
import { parseAssessmentConfig, type AssessmentConfig } from '../../core/config.js';
import { badFile, KpError } from '../../shared/errors.js';
import { decodeBlockHeader } from '../../db/codec/block-codec.js';
import { saveConfig, assessmentExists } from '../../db/repos/assessments.js';
import { audit } from '../../db/repos/audit.js';
import { loadBlocks } from '../../db/repos/responses.js';
import type { ServiceContext } from '../context.js';

/** Parses a configuration file; the error names the file and the field. */
export function readConfigFile(file: string): AssessmentConfig {
  if (!fs.existsSync(file)) throw badFile(file, 'no such file');
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw badFile(file, `not valid JSON: ${(e as Error).message}`);
  }
  const parsed = parseAssessmentConfig(json);
  if (!parsed.ok) throw new KpError('KP_CONFIG_INVALID', `${file}: ${parsed.error}`);
  return parsed.value;
}

/** Codes that stored responses use, read from the block headers. */
async function storedCodes(ctx: ServiceContext, id: string) {
  const groups = new Set<string>();
  const items = new Set<string>();
  for (const data of await loadBlocks(ctx.handle.db, id)) {
    const h = decodeBlockHeader(data);
    h.groups.forEach((g) => groups.add(g));
    h.items.forEach((i) => items.add(i));
  }
  return { groups, items };
}

export async function importConfig(
  ctx: ServiceContext,
  config: AssessmentConfig,
  source: string,
): Promise<string> {
  if (await assessmentExists(ctx.handle.db, config.id)) {
    const used = await storedCodes(ctx, config.id);
    const groups = new Set(config.groups.map((g) => g.code));
    const items = new Set(config.items.map((i) => i.code));
    for (const g of used.groups) {
      if (!groups.has(g)) throw badFile(source, `groups: "${g}" has stored responses and cannot be removed`);
    }
    for (const i of used.items) {
      if (!items.has(i)) throw badFile(source, `items: "${i}" has stored answers and cannot be removed`);
    }
  }
  const now = ctx.now().toISOString();
  await ctx.handle.db.transaction().execute(async (trx) => {
    await saveConfig(trx, config, now);
    await audit(
      trx,
      { actor: ctx.actor, action: 'import.config', assessmentId: config.id, details: { file: source } },
      now,
    );
  });
  return config.id;
}

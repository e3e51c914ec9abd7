/**
 * `kaoping import config`: an assessment's configuration (SPEC §4.1), created or replaced.
 * A replacement that would make a stored answer invalid or change its meaning is refused, naming
 * the change and how many answers it touches; any other change is applied and audited with the
 * before and after of every changed field.
 */
import fs from 'node:fs';
import { assertRegularFile } from './file-problem.js';
import { configChangeProblems, configDiff, type ConfigChange } from '../../core/config-change.js';
import { parseAssessmentConfig, type AssessmentConfig } from '../../core/config.js';
import { badFile, KpError } from '../../shared/errors.js';
import { configUpdatedAt, saveConfig, loadConfigIfExists } from '../../db/repos/assessments.js';
import type { Db } from '../../db/repos/common.js';
import { answerUsage } from '../../db/repos/answer-usage.js';
import { audit } from '../../db/repos/audit.js';
import type { ServiceContext } from '../context.js';
import { findDuplicateKey } from './strict-json.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Parses a configuration file; the error names the file and the field. The file must be UTF-8
 * (a BOM is fine): text in another encoding (a GBK file from zh-CN Windows) is refused rather
 * than stored with U+FFFD in place of its characters. A duplicated key is refused like an
 * unknown one (JSON.parse would silently keep the last).
 */
export function readConfigFile(file: string): AssessmentConfig {
  assertRegularFile(file);
  let text: string;
  try {
    text = utf8.decode(fs.readFileSync(file));
  } catch {
    throw badFile(file, 'not valid UTF-8 (saved as GBK/GB18030?); save the configuration as UTF-8');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw badFile(file, `not valid JSON: ${(e as Error).message}`);
  }
  const dup = findDuplicateKey(text);
  if (dup !== null) throw new KpError('KP_CONFIG_INVALID', { file, field: dup, why: 'duplicate key' });
  const parsed = parseAssessmentConfig(json);
  if (!parsed.ok) throw new KpError('KP_CONFIG_INVALID', `${file}: ${parsed.error}`);
  return parsed.value;
}

/** Creates or replaces a configuration; returns the assessment id. */
export async function importConfig(
  ctx: ServiceContext,
  config: AssessmentConfig,
  source: string,
): Promise<string> {
  await replaceConfig(ctx, config, { action: 'import.config', file: source, details: { file: source } });
  return config.id;
}

export interface ReplaceOptions {
  /** the audit log's action */
  action: string;
  /** where the configuration came from, named in a refusal (a file; none from the console) */
  file?: string;
  /** audited beside `changes` (or `created: true`) */
  details: Record<string, unknown>;
  /**
   * From the console: the assessment must exist and still be the version the editor read
   * (its updated_at); a save over someone else's newer save is a 409, never a silent overwrite.
   */
  expectUpdatedAt?: string;
}

/**
 * The one way a configuration is replaced (the CLI import and the console's editor): under the
 * assessment's lock, the stored-answers check refuses a change that would invalidate or change
 * the meaning of an answer; anything else is stored and audited with its before and after.
 */
export async function replaceConfig(
  ctx: ServiceContext,
  config: AssessmentConfig,
  opts: ReplaceOptions,
): Promise<{ changes: ConfigChange[]; updatedAt: string }> {
  const now = ctx.now().toISOString();
  const { ops } = ctx.handle;
  let changes: ConfigChange[] = [];
  await ops.writeTransaction(ctx.handle.db, async (trx) => {
    // no answers of this assessment are stored while the check and the change run
    await ops.lockAssessment(trx, config.id);
    const prev = await loadConfigIfExists(trx, config.id);
    if (opts.expectUpdatedAt !== undefined) await assertVersion(trx, config.id, opts.expectUpdatedAt);
    let details: Record<string, unknown> = { ...opts.details, created: true };
    if (prev !== undefined) {
      const problems = configChangeProblems(prev, config, await answerUsage(trx, config.id));
      const first = problems[0];
      if (first !== undefined) {
        const more = problems.length > 1 ? ` (and ${problems.length - 1} more refused changes)` : '';
        throw new KpError('KP_CONFIG_CHANGE_REFUSED', {
          ...(opts.file !== undefined ? { file: opts.file } : {}),
          field: first.field,
          why: first.why + more,
        });
      }
      changes = configDiff(prev, config);
      details = { ...opts.details, changes };
    }
    await saveConfig(trx, config, now);
    await audit(trx, { actor: ctx.actor, action: opts.action, assessmentId: config.id, details }, now);
  });
  return { changes, updatedAt: now };
}

async function assertVersion(db: Db, id: string, expected: string): Promise<void> {
  const stored = await configUpdatedAt(db, id);
  if (stored === undefined)
    throw new KpError('KP_NOT_FOUND', `assessment "${id}" does not exist (see: kaoping assessments)`);
  if (stored !== expected)
    throw new KpError('KP_CONFLICT', {
      field: 'updatedAt',
      why: `the configuration was changed at ${stored} since this copy (${expected}) was read; reload it and edit again`,
    });
}

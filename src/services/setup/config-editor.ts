/**
 * The console's configuration editor (SPEC §4.1): it reads the configuration with its version
 * and saves an edited whole. A save is the same replacement as `kaoping import config` — the
 * same schema, the same stored-answers check, the same audit of every changed field — plus a
 * version check, so that two editors never silently overwrite each other.
 */
import { parseAssessmentConfig, type AssessmentConfig } from '../../core/config.js';
import type { ConfigChange } from '../../core/config-change.js';
import { configUpdatedAt, loadConfig } from '../../db/repos/assessments.js';
import { KpError } from '../../shared/errors.js';
import type { ServiceContext } from '../context.js';
import { replaceConfig } from '../import/config.js';

export interface ConfigDocument {
  config: AssessmentConfig;
  /** the version: send it back with the edited configuration */
  updatedAt: string;
}

export async function readConfig(ctx: Pick<ServiceContext, 'handle'>, id: string): Promise<ConfigDocument> {
  const { db } = ctx.handle;
  const config = await loadConfig(db, id);
  const updatedAt = await configUpdatedAt(db, id);
  if (updatedAt === undefined) throw new KpError('KP_NOT_FOUND', `assessment "${id}" does not exist`);
  return { config, updatedAt };
}

/**
 * Validates `input` as a whole configuration of assessment `id` and replaces the stored one when
 * it is still version `updatedAt`; the error names the first offending field.
 */
export async function updateConfig(
  ctx: ServiceContext,
  id: string,
  input: unknown,
  updatedAt: string,
): Promise<ConfigDocument & { changes: ConfigChange[] }> {
  const parsed = parseAssessmentConfig(input);
  if (!parsed.ok) {
    // "groups.1.weight: Too small…" → field config.groups.1.weight, as a form can point at it
    const at = parsed.error.indexOf(': ');
    const path = at < 0 ? '(root)' : parsed.error.slice(0, at);
    throw new KpError('KP_CONFIG_INVALID', {
      field: path === '(root)' ? 'config' : `config.${path}`,
      why: at < 0 ? parsed.error : parsed.error.slice(at + 2),
    });
  }
  const config = parsed.value;
  if (config.id !== id)
    throw new KpError('KP_CONFIG_INVALID', {
      field: 'config.id',
      why: `"${config.id}" is not this assessment's id "${id}"; an assessment's id cannot change`,
    });
  const r = await replaceConfig(ctx, config, {
    action: 'config.update',
    details: { via: 'console' },
    expectUpdatedAt: updatedAt,
  });
  return { config, updatedAt: r.updatedAt, changes: r.changes };
}

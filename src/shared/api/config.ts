/**
 * An assessment's configuration (SPEC §4.1) for the console's set-up pages:
 * GET and PUT /api/v1/assessments/{id}/config. The configuration itself is validated by the
 * same schema as `kaoping import config` (core/config.ts), not here: its error names the field.
 */
import Type, { type Static } from 'typebox';

const Config = Type.Unknown({ description: 'the whole configuration, as in SPEC §4.1' });
const Version = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'when the configuration was last stored; sent back, it refuses a save over a newer one (409)',
});

export const ConfigDocument = Type.Object({ config: Config, updatedAt: Version });
export type ConfigDocument = Static<typeof ConfigDocument>;

export const ConfigUpdateBody = Type.Object(
  { config: Config, updatedAt: Version },
  { additionalProperties: false },
);
export type ConfigUpdateBody = Static<typeof ConfigUpdateBody>;

export const ConfigChange = Type.Object({
  path: Type.String({ description: 'e.g. groups.peer.weight (groups and items by code)' }),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

export const ConfigUpdateResult = Type.Object({
  config: Config,
  updatedAt: Version,
  /** every changed field, as audited */
  changes: Type.Array(ConfigChange),
});
export type ConfigUpdateResult = Static<typeof ConfigUpdateResult>;

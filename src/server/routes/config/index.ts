/**
 * An assessment's configuration for the console's set-up pages (分类, 评价群体与权重, 样本配额,
 * 实施时间): read it with its version, save an edited whole. A save goes through the same
 * validation and stored-answers check as `kaoping import config`: a refused change is a 409
 * naming the field and how many stored answers it touches, and stores nothing.
 */
import { findDuplicateKey } from '../../../services/import/strict-json.js';
import { readConfig, updateConfig } from '../../../services/setup/config-editor.js';
import { AssessmentParams } from '../../../shared/api/assessments.js';
import { ConfigDocument, ConfigUpdateBody, ConfigUpdateResult } from '../../../shared/api/config.js';
import { problems } from '../../../shared/api/problem.js';
import { KpError } from '../../../shared/errors.js';
import { serviceContext, type ServerEnv } from '../../context.js';
import { routeModule } from '../route-module.js';

const tags = ['set-up'];

export const configRoutes = routeModule<{ env: ServerEnv }>((app, { env }) => {
  // A configuration may not repeat a key (SPEC §4.1), in a file or a body: JSON.parse would
  // keep the last one without a word. This plugin's own parser (encapsulated) refuses it with
  // the key's path, as `kaoping import config` does.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, text, done) => {
    const dup = findDuplicateKey(text as string);
    if (dup !== null) done(new KpError('KP_CONFIG_INVALID', { field: dup, why: 'duplicate key' }), undefined);
    else void parseJson(req, text as string, done);
  });

  app.get(
    '/api/v1/assessments/:id/config',
    {
      config: { policy: 'config.get' },
      schema: {
        tags,
        summary: "The assessment's configuration (SPEC §4.1) and its version",
        params: AssessmentParams,
        response: { 200: ConfigDocument, ...problems(401, 403, 404) },
      },
    },
    async (req) => readConfig(env, req.params.id),
  );

  app.put(
    '/api/v1/assessments/:id/config',
    {
      config: { policy: 'config.update' },
      schema: {
        tags,
        summary:
          'Replace the configuration: validated as `kaoping import config` validates it; a change that would invalidate or change the meaning of stored answers is refused (409), as is a save over a newer version (409); any other change is stored and audited with before and after',
        params: AssessmentParams,
        body: ConfigUpdateBody,
        response: { 200: ConfigUpdateResult, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => updateConfig(serviceContext(env, req), req.params.id, req.body.config, req.body.updatedAt),
  );
});

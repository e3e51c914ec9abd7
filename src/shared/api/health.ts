/** GET /healthz */
import Type from 'typebox';

export const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('database unreachable')]),
  engine: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
});

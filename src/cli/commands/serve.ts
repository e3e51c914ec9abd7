import { loadConfig } from '../../config.js';
import { intOption, noExtra, type Command } from '../command.js';

/** `kaoping serve [--port N]`: the web application and the HTTP API, until SIGINT/SIGTERM. */
export const serve: Command = async ({ args, opts, io }) => {
  noExtra(args, 0);
  const port = intOption(opts, 'port', 0);
  const { runServer } = await import('../../server/main.js');
  await runServer({
    config: loadConfig(io.env),
    port,
    loadDemoWhenEmpty: false,
    print: (s) => io.stdout(`${s}\n`),
  });
};

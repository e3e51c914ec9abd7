/**
 * A server process for the kill -9 test: buildApp on an existing database, listening on a free
 * loopback port, which it prints as `LISTENING <port>`. Run with `node --import tsx`.
 */
import { createDb } from '../../src/db/create-db.js';
import { buildApp } from '../../src/server/app.js';

const target = JSON.parse(process.argv[2] ?? '{}') as { sqlite?: string; url?: string };
const handle = createDb(target.url ? { databaseUrl: target.url } : { sqliteFile: target.sqlite ?? '' });
const app = buildApp({ handle });
await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`LISTENING ${(app.server.address() as { port: number }).port}\n`);

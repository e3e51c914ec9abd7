/**
 * `npm start`: create or migrate the database, load the demo when it is empty, make sure an
 * admin exists (printing its password once), and serve on PORT (default 3000).
 */
import { listAssessments } from '../db/repo.js';
import { addUser } from '../services/accounts.js';
import { loadDemo } from '../services/demo.js';
import { buildApp } from '../server/app.js';
import { openRuntime } from './runtime.js';

const rt = await openRuntime('start');
const db = rt.handle.db;

if ((await listAssessments(db)).length === 0) {
  process.stdout.write('empty database: loading the demo assessment (Suzhou 2020, synthetic answers)…\n');
  const r = await loadDemo(rt, 1);
  process.stdout.write(`demo loaded: ${r.id} with ${r.units} agencies and ${r.responses} responses\n`);
}

const admin = await db.selectFrom('users').select('name').where('name', '=', 'admin').executeTakeFirst();
let login: string;
if (!admin) {
  const given = rt.config.adminPassword;
  const pw = await addUser(db, { name: 'admin', role: 'admin', password: given ?? undefined, mustChange: !given }, 'start', new Date());
  login = given ? 'admin / (the password in KAOPING_ADMIN_PASSWORD)' : `admin / ${pw}   (generated once: note it now)`;
} else {
  login = 'admin / (the password printed at the first start)';
}

const app = buildApp({ handle: rt.handle, logger: false });
const shutdown = async () => {
  await app.close();
  await rt.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());

await app.listen({ port: rt.config.port, host: '0.0.0.0' });
process.stdout.write(`kaoping is running: http://localhost:${rt.config.port}/\nsign in: ${login}\n`);

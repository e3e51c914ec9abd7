/**
 * The minimal page at / until the console (React) lands: a sign-in form for anonymous
 * visitors, the own-password change when a one-time password is still set, and otherwise the
 * assessments the signed-in user may see. Data only for signed-in users; all text escaped.
 */
import type { AssessmentSummary } from '../../../shared/api/assessments.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const SHELL = (body: string, script: string) =>
  `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
  `<title>考评 kaoping</title><body style="font-family:sans-serif;max-width:40em;margin:3em auto">` +
  `<h1>考评 kaoping</h1><p>第三方满意度考评平台 · third-party satisfaction assessment</p>${body}` +
  `<p id="msg" role="alert" style="color:#a00"></p><script>${script}</script></body></html>`;

/** Posts a form as JSON; on success reloads, otherwise shows the problem's detail. */
const POST_JSON = `
async function send(method, url, body, csrf) {
  const headers = { 'content-type': 'application/json' };
  if (csrf) headers['x-csrf-token'] = csrf;
  const r = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (r.ok) { location.reload(); return; }
  const p = await r.json().catch(() => ({}));
  document.getElementById('msg').textContent = p.detail || p.title || ('HTTP ' + r.status);
}
function form(id, f) {
  const el = document.getElementById(id);
  if (el) el.addEventListener('submit', (e) => { e.preventDefault(); f(new FormData(el)); });
}`;

export function signInPage(): string {
  return SHELL(
    `<h2>登录 Sign in</h2><form id="signin"><p><label>用户名 User <input name="name" autocomplete="username" required></label></p>` +
      `<p><label>密码 Password <input name="password" type="password" autocomplete="current-password" required></label></p>` +
      `<p><button>登录 Sign in</button></p></form>`,
    `${POST_JSON}\nform('signin', (d) => send('POST', '/api/v1/session', { name: d.get('name'), password: d.get('password') }));`,
  );
}

export function homePage(
  user: { name: string; role: string; csrfToken: string; mustChangePassword: boolean },
  assessments: readonly AssessmentSummary[],
): string {
  const csrf = JSON.stringify(user.csrfToken).replace(/</g, '\\u003c');
  const who = `<p>${esc(user.name)}（${esc(user.role)}） <button id="signout">退出 Sign out</button></p>`;
  const body = user.mustChangePassword
    ? `<h2>请修改一次性密码 Change your one-time password</h2><form id="password">` +
      `<p><label>当前密码 Current <input name="currentPassword" type="password" autocomplete="current-password" required></label></p>` +
      `<p><label>新密码 New (≥ 10) <input name="newPassword" type="password" autocomplete="new-password" minlength="10" required></label></p>` +
      `<p><button>修改 Change</button></p></form>`
    : `<h2>考评项目 Assessments</h2><ul>${assessments
        .map((a) => `<li><code>${esc(a.id)}</code> ${esc(a.name)}（${a.year}）</li>`)
        .join('')}</ul><p>API: <a href="/api/docs">/api/docs</a> · CLI: <code>npx kaoping --help</code></p>`;
  return SHELL(
    who + body,
    `${POST_JSON}\nconst csrf = ${csrf};\n` +
      `document.getElementById('signout').addEventListener('click', () => send('DELETE', '/api/v1/session', undefined, csrf));\n` +
      `form('password', (d) => send('POST', '/api/v1/session/password', { currentPassword: d.get('currentPassword'), newPassword: d.get('newPassword') }, csrf));`,
  );
}

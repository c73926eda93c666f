/**
 * Staff sign-in in the browser: OpenID Connect authorization code with PKCE against the configured
 * provider (the embedded one under `npm start`, the company's in production), then the person as
 * the directory knows them (`GET /me`) and their queue (`GET /me/work`). The access token lives in
 * the tab's sessionStorage only. The staff workspace builds on the same flow.
 */

export interface SignInConfig {
  issuer: string;
  clientId: string;
  /** The API's resource identifier at the provider (the access tokens' audience). */
  resource: string;
  /** The embedded development provider: always ask who signs in (`prompt=login`). */
  embedded: boolean;
}

/** A JSON value safe inside an inline <script>. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

export function signInPagePolicy(config: SignInConfig | undefined): string {
  const provider = config ? ` ${new URL(config.issuer).origin}` : '';
  return `default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'${provider}; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

export function signInPageHtml(config: SignInConfig | undefined): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>登录 · Sign in — Complaint service</title>
<style>
body{margin:0;font:15px/1.5 system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;color:#1f1f1f;background:#f5f5f5}
header{background:#fff;border-bottom:1px solid #e8e8e8;padding:14px 24px;display:flex;gap:16px;align-items:center}
header h1{font-size:18px;margin:0;flex:1}main{max-width:980px;margin:24px auto;padding:0 16px}
.card{background:#fff;border:1px solid #e8e8e8;border-radius:8px;padding:16px 20px;margin-bottom:16px}
button{font:inherit;padding:6px 14px;border-radius:6px;border:1px solid #1677ff;background:#1677ff;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1677ff}table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #f0f0f0}
th{color:#595959;font-weight:600}.muted{color:#8c8c8c}.error{color:#cf1322}.tag{display:inline-block;padding:0 6px;border-radius:4px;background:#e6f4ff;color:#0958d9;font-size:13px}
.breached{color:#cf1322;font-weight:600}
</style></head>
<body>
<header><h1>投诉处理 · Complaint service</h1><span id="who" class="muted"></span><button id="signin" type="button">登录 Sign in</button><button id="signout" type="button" class="secondary" hidden>退出 Sign out</button></header>
<main>
<div id="message" class="card" hidden></div>
<div id="profile" class="card" hidden></div>
<div id="queue" class="card" hidden><h2 style="margin-top:0;font-size:16px">我的工作 · My work</h2><p id="counts" class="muted"></p><table><thead><tr><th>编号 Number</th><th>类型 Kind</th><th>阶段 Stage</th><th>到期 Due</th></tr></thead><tbody id="items"></tbody></table></div>
</main>
<script>
"use strict";
const CONFIG = ${scriptJson(config ?? null)};
const TOKEN_KEY = 'complaints.accessToken';
const $ = (id) => document.getElementById(id);
const text = (el, value) => { el.textContent = value; return el; };
function show(id, on) { $(id).hidden = !on; }
function message(textValue, isError) { const m = $('message'); m.className = 'card' + (isError ? ' error' : ''); text(m, textValue); show('message', true); }
const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
const redirectUri = location.origin + '/signin';
async function discovery() {
  const res = await fetch(CONFIG.issuer.replace(/\\/$/, '') + '/.well-known/openid-configuration');
  if (!res.ok) throw new Error('the identity provider did not answer (' + res.status + ')');
  return res.json();
}
async function signIn() {
  const meta = await discovery();
  const verifier = random();
  const state = random();
  sessionStorage.setItem('complaints.pkce', JSON.stringify({ verifier, state }));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const url = new URL(meta.authorization_endpoint);
  const params = { client_id: CONFIG.clientId, response_type: 'code', redirect_uri: redirectUri, scope: 'openid profile', state, code_challenge: challenge, code_challenge_method: 'S256', resource: CONFIG.resource };
  if (CONFIG.embedded) params.prompt = 'login';
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  location.assign(url.toString());
}
async function finishSignIn(query) {
  const saved = JSON.parse(sessionStorage.getItem('complaints.pkce') || 'null');
  sessionStorage.removeItem('complaints.pkce');
  history.replaceState(null, '', '/signin');
  if (query.get('error')) throw new Error(query.get('error_description') || query.get('error'));
  if (!saved || saved.state !== query.get('state')) throw new Error('the sign-in answer does not belong to this tab; sign in again');
  const meta = await discovery();
  const body = new URLSearchParams({ grant_type: 'authorization_code', code: query.get('code'), redirect_uri: redirectUri, client_id: CONFIG.clientId, code_verifier: saved.verifier, resource: CONFIG.resource });
  const res = await fetch(meta.token_endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  const answer = await res.json();
  if (!res.ok || !answer.access_token) throw new Error(answer.error_description || answer.error || 'no access token');
  sessionStorage.setItem(TOKEN_KEY, answer.access_token);
}
async function api(path) {
  const res = await fetch(path, { headers: { authorization: 'Bearer ' + sessionStorage.getItem(TOKEN_KEY) } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw Object.assign(new Error((body.error && body.error.message) || ('HTTP ' + res.status)), { status: res.status });
  return body;
}
async function render() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  show('signin', !token); show('signout', !!token);
  if (!token) { show('profile', false); show('queue', false); text($('who'), ''); return; }
  const me = await api('/me');
  text($('who'), me.name + ' · ' + me.role + ' · ' + me.departmentId);
  const profile = $('profile');
  profile.replaceChildren();
  const h = document.createElement('h2'); h.style.cssText = 'margin-top:0;font-size:16px'; text(h, me.name);
  const p = document.createElement('p'); p.dataset.staffId = me.id;
  const tag = document.createElement('span'); tag.className = 'tag'; text(tag, me.role);
  p.append(tag, ' ' + me.departmentId + ' — ' + me.scope);
  profile.append(h, p);
  show('profile', true);
  const work = await api('/me/work');
  text($('counts'), Object.entries(work.counts).map(([k, n]) => k + ': ' + n).join(' · '));
  const rows = work.items.map((item) => {
    const tr = document.createElement('tr'); tr.dataset.number = item.complaint.number;
    for (const value of [item.complaint.number, item.kind, item.complaint.stage, item.dueAt ? new Date(item.dueAt).toLocaleString() : '—']) tr.append(text(document.createElement('td'), value));
    if (item.breached) tr.lastChild.className = 'breached';
    return tr;
  });
  $('items').replaceChildren(...rows);
  if (rows.length === 0) { const tr = document.createElement('tr'); const td = text(document.createElement('td'), '没有待办 · Nothing waiting on you'); td.colSpan = 4; td.className = 'muted'; tr.append(td); $('items').append(tr); }
  show('queue', true);
}
$('signin').addEventListener('click', () => signIn().catch((err) => message(String(err.message || err), true)));
$('signout').addEventListener('click', () => { sessionStorage.removeItem(TOKEN_KEY); show('message', false); render(); });
(async () => {
  if (!CONFIG) { show('signin', false); message('Sign-in is not configured on this server (set OIDC_ISSUER); scripts use npm run token.', true); return; }
  const query = new URLSearchParams(location.search);
  try {
    if (query.has('code') || query.has('error')) await finishSignIn(query);
    await render();
  } catch (err) {
    if (err.status === 401) sessionStorage.removeItem(TOKEN_KEY);
    message(err.status === 403 ? '登录被拒绝 · Sign-in refused: ' + err.message : String(err.message || err), true);
    show('signin', true); show('signout', !!sessionStorage.getItem(TOKEN_KEY));
  }
})();
</script>
</body></html>`;
}

/**
 * Signing in with the OpenID provider the API names (`GET /signin/config`): authorization code with
 * PKCE, the access token kept in this tab's sessionStorage only. The embedded development provider
 * always asks who signs in.
 */
export interface SignInConfig {
  issuer: string;
  clientId: string;
  resource: string;
  embedded: boolean;
}

const TOKEN_KEY = 'complaints.accessToken';
const PKCE_KEY = 'complaints.pkce';
const redirectUri = () => `${location.origin}/app/`;

const base64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

export const accessToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);
export const signOut = (): void => sessionStorage.removeItem(TOKEN_KEY);

export interface WorkspaceConfig {
  signIn: SignInConfig | null;
  temporalUi: { url: string; namespace: string } | null;
}

export async function workspaceConfig(): Promise<WorkspaceConfig> {
  const res = await fetch('/workspace/config');
  if (!res.ok) throw new Error(`the service did not answer (${res.status})`);
  return (await res.json()) as WorkspaceConfig;
}

async function discovery(config: SignInConfig): Promise<{ authorization_endpoint: string; token_endpoint: string }> {
  const res = await fetch(`${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`the identity provider did not answer (${res.status})`);
  return res.json();
}

/** Sends the browser to the provider; it comes back to `/app/?code=…`. */
export async function signIn(config: SignInConfig, returnTo: string): Promise<void> {
  const meta = await discovery(config);
  const verifier = random();
  const state = random();
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, returnTo }));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const url = new URL(meta.authorization_endpoint);
  const params: Record<string, string> = {
    client_id: config.clientId,
    response_type: 'code',
    redirect_uri: redirectUri(),
    scope: 'openid profile',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    resource: config.resource,
  };
  if (config.embedded) params.prompt = 'login';
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  location.assign(url.toString());
}

/** After the provider's answer: the token, and the route the person was on. */
export async function finishSignIn(config: SignInConfig): Promise<string | undefined> {
  const query = new URLSearchParams(location.search);
  if (!query.has('code') && !query.has('error')) return undefined;
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? 'null') as { verifier: string; state: string; returnTo: string } | null;
  sessionStorage.removeItem(PKCE_KEY);
  history.replaceState(null, '', `/app/${saved?.returnTo ?? ''}`);
  if (query.get('error')) throw new Error(query.get('error_description') ?? query.get('error')!);
  if (!saved || saved.state !== query.get('state')) throw new Error('the sign-in answer does not belong to this tab; sign in again');
  const meta = await discovery(config);
  const body = new URLSearchParams({ grant_type: 'authorization_code', code: query.get('code')!, redirect_uri: redirectUri(), client_id: config.clientId, code_verifier: saved.verifier, resource: config.resource });
  const res = await fetch(meta.token_endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  const answer = (await res.json()) as { access_token?: string; error?: string; error_description?: string };
  if (!res.ok || !answer.access_token) throw new Error(answer.error_description ?? answer.error ?? 'no access token');
  sessionStorage.setItem(TOKEN_KEY, answer.access_token);
  return saved.returnTo;
}

/**
 * Access tokens of an OpenID provider, verified against what it publishes: discovery, then its JWKS,
 * fetched again when a token names a key the verifier does not hold (rotation). A loopback server
 * plays the provider.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { createTokenVerifier, IdentityProviderUnavailable, TokenRejected, type TokenVerifier } from '../../runtime/tokens';

const AUDIENCE = 'urn:complaint-service:api';
let server: http.Server;
let issuer: string;
let published: JWK[] = [];
type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
const keys: Record<string, PrivateKey> = {};

async function addKey(kid: string): Promise<JWK> {
  const pair = await generateKeyPair('RS256', { extractable: true });
  keys[kid] = pair.privateKey;
  return { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' };
}

const sign = (kid: string, claims: { sub?: string; aud?: string; iss?: string; exp?: string | number } = {}) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer(claims.iss ?? issuer)
    .setAudience(claims.aud ?? AUDIENCE)
    .setSubject(claims.sub ?? 'handler-liu')
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? '1h')
    .sign(keys[kid]);

beforeAll(async () => {
  published = [await addKey('k1')];
  server = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    else if (req.url === '/jwks') res.end(JSON.stringify({ keys: published }));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const verifier = (): TokenVerifier => createTokenVerifier({ oidc: { issuer, audience: AUDIENCE, jwksCooldownMs: 0 } });

it('accepts the provider’s token and says only who it names', async () => {
  expect(await verifier()(await sign('k1'))).toEqual({ issuer, subject: 'handler-liu', local: false });
});

it('follows a key rotation: a token signed with a newly published key is verified after a refetch', async () => {
  const verify = verifier();
  await verify(await sign('k1'));
  published = [await addKey('k2')];
  expect((await verify(await sign('k2', { sub: 'handler-zhou' }))).subject).toBe('handler-zhou');
  // The retired key no longer verifies anything.
  await expect(verify(await sign('k1'))).rejects.toThrow(TokenRejected);
});

it.each<[string, () => Promise<string>, RegExp]>([
  ['another audience', () => sign(published[0].kid!, { aud: 'someone-else' }), /aud/],
  ['expired', () => sign(published[0].kid!, { exp: Math.floor(Date.now() / 1000) - 60 }), /expired/],
  ['another issuer', () => sign(published[0].kid!, { iss: 'https://elsewhere.example' }), /iss/],
  ['a key nobody published', async () => ((await addKey('rogue')) && sign('rogue')), /invalid token/],
  ['not a JWT', async () => 'not-a-token', /invalid token/],
])('refuses a token with %s (401)', async (_name, token, message) => {
  await expect(verifier()(await token())).rejects.toThrow(message);
  await expect(verifier()(await token())).rejects.toBeInstanceOf(TokenRejected);
});

it('answers "unavailable" (503) when the provider cannot be reached, and tries again on the next token', async () => {
  const verify = createTokenVerifier({ oidc: { issuer: 'http://127.0.0.1:9', audience: AUDIENCE } });
  const token = await sign(published[0].kid!, { iss: 'http://127.0.0.1:9' });
  await expect(verify(token)).rejects.toBeInstanceOf(IdentityProviderUnavailable);
  await expect(verify(token)).rejects.toBeInstanceOf(IdentityProviderUnavailable);
});

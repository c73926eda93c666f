import { assertEmbeddedDefaults, DevSignInRefused } from '../../runtime/dev-identity-provider';
import { oidcSettingsFromEnv } from '../../runtime/tokens';

describe('the development sign-in runs only with the embedded defaults', () => {
  it('is allowed without OIDC_ISSUER outside production', () => {
    expect(() => assertEmbeddedDefaults({})).not.toThrow();
    expect(() => assertEmbeddedDefaults({ NODE_ENV: 'development' })).not.toThrow();
  });

  it('is refused when the service points at the company’s provider, or runs as production', () => {
    expect(() => assertEmbeddedDefaults({ OIDC_ISSUER: 'https://sso.example.com/realms/staff' })).toThrow(DevSignInRefused);
    expect(() => assertEmbeddedDefaults({ NODE_ENV: 'production' })).toThrow(/NODE_ENV is production/);
  });
});

describe('OIDC settings from the environment', () => {
  it('are absent without OIDC_ISSUER, and need the audience with it', () => {
    expect(oidcSettingsFromEnv({})).toBeUndefined();
    expect(() => oidcSettingsFromEnv({ OIDC_ISSUER: 'https://sso.example.com' })).toThrow(/OIDC_AUDIENCE/);
    expect(oidcSettingsFromEnv({ OIDC_ISSUER: 'https://sso.example.com', OIDC_AUDIENCE: 'complaints-api', OIDC_SUBJECT_CLAIM: 'preferred_username' })).toEqual({ issuer: 'https://sso.example.com', audience: 'complaints-api', subjectClaim: 'preferred_username' });
  });
});

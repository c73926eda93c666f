// oidc-provider ships no type declarations; `runtime/dev-identity-provider.ts` types the parts it uses.
declare module 'oidc-provider';

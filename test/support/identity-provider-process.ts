/**
 * The embedded OpenID provider (`runtime/dev-identity-provider.ts`) in a process of its own: it is an
 * ES module package, which the test runner's CommonJS loader cannot load in-process. Configured by
 * env: DATABASE_URL, OIDC_DEV_PORT, REDIRECT_URIS (comma-separated). Prints `issuer <url>` when ready.
 */
import { openDatabase } from '../../db/client';
import { signInDirectory } from '../../db/staff-directory';
import { startDevIdentityProvider } from '../../runtime/dev-identity-provider';

async function main(): Promise<void> {
  const database = openDatabase(process.env.DATABASE_URL!);
  const provider = await startDevIdentityProvider({
    port: Number(process.env.OIDC_DEV_PORT),
    directory: signInDirectory(database.db),
    redirectUris: process.env.REDIRECT_URIS!.split(','),
    accessTokenTtlSeconds: 600,
  });
  process.stdout.write(`issuer ${provider.issuer}\n`);
  const stop = async () => {
    await provider.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

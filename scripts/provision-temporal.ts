/** `npm run temporal:provision`: make the pinned Temporal CLI available (CI runs this first). */
import { provisionTemporalCli } from '../runtime/temporal-cli';

provisionTemporalCli()
  .then((source) => {
    console.log(source.kind === 'path' ? `Temporal CLI: ${source.path} (${source.origin})` : 'Temporal CLI: SDK download at first use');
  })
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });

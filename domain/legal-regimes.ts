/**
 * The legal regimes the service knows, one file each in `domain/legal-regimes/`. To add one: write
 * its file (name, what intake must record, versions with their source and clocks), add its id to
 * `LEGAL_REGIME_IDS` and its entry below; `test/unit/legal-regimes.test.ts` checks the entry.
 */
import { CN_12315_ODR } from './legal-regimes/cn-12315-odr';
import { CN_BANKING_INSURANCE } from './legal-regimes/cn-banking-insurance';
import { CN_PERSONAL_INFORMATION } from './legal-regimes/cn-personal-information';
import { CN_SAMR_TRANSFER } from './legal-regimes/cn-samr-transfer';
import type { LegalRegime, LegalRegimeId, LegalRegimeVersion } from './legal-regimes/types';

export * from './legal-regimes/types';

export const LEGAL_REGIMES: { readonly [K in LegalRegimeId]: LegalRegime } = {
  'cn-samr-transfer': CN_SAMR_TRANSFER,
  'cn-12315-odr': CN_12315_ODR,
  'cn-banking-insurance': CN_BANKING_INSURANCE,
  'cn-personal-information': CN_PERSONAL_INFORMATION,
};

/**
 * The version a complaint follows: the newest one in effect on the local day the company received
 * it (`receivedDate`, 'YYYY-MM-DD'), or undefined before the regime's first text took effect.
 */
export function regimeVersionFor(id: LegalRegimeId, receivedDate: string): LegalRegimeVersion | undefined {
  return LEGAL_REGIMES[id].versions.filter((v) => v.effectiveFrom <= receivedDate).at(-1);
}

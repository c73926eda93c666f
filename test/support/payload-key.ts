import type { Database } from '../../db/client';
import { complaintDataConverter } from '../../runtime/data-keys';
import { encryptingDataConverter } from '../../runtime/payload-codec';

/** Every test runs with payload encryption on, as production does; this is the tests' key. */
export const TEST_PAYLOAD_KEY = Buffer.alloc(32, 7);

/** The service key alone: workflows without a data-key store (the workflow tests, the replay of recorded histories). */
export const testDataConverter = () => encryptingDataConverter(TEST_PAYLOAD_KEY);

/** As the service runs: each complaint's payloads under its own data key, kept in `db`. */
export const testDataConverterFor = (db: Database) => complaintDataConverter(db, TEST_PAYLOAD_KEY).dataConverter;

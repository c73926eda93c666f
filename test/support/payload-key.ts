import { encryptingDataConverter } from '../../runtime/payload-codec';

/** Every test runs with payload encryption on, as production does; this is the tests' key. */
export const TEST_PAYLOAD_KEY = Buffer.alloc(32, 7);

export const testDataConverter = () => encryptingDataConverter(TEST_PAYLOAD_KEY);

import { defaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, encryptingDataConverter, keyIdOf, parsePayloadKey, parsePreviousKeys, PersonalDataErased, ServiceKeyring } from '../../runtime/payload-codec';

const key = Buffer.alloc(32, 1);
const codec = new AesGcmPayloadCodec(key);
const payload = defaultPayloadConverter.toPayload({ name: '王小明', phone: '13800138000', note: '请联系我' });

describe('payload encryption', () => {
  it('round-trips payloads and hides their content', async () => {
    const [encoded] = await codec.encode([payload]);
    expect(Buffer.from(encoded.metadata!.encoding!).toString()).toBe('binary/encrypted');
    expect(Buffer.from(encoded.data!).includes(Buffer.from('13800138000'))).toBe(false);
    const [decoded] = await codec.decode([encoded]);
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual({ name: '王小明', phone: '13800138000', note: '请联系我' });
  });

  it('uses a fresh IV for every payload', async () => {
    const [a, b] = await codec.encode([payload, payload]);
    expect(Buffer.from(a.data!).equals(Buffer.from(b.data!))).toBe(false);
  });

  it('passes plain payloads (written before encryption) through', async () => {
    expect(await codec.decode([payload])).toEqual([payload]);
  });

  it('refuses a payload encrypted with another key', async () => {
    const [encoded] = await new AesGcmPayloadCodec(Buffer.alloc(32, 2)).encode([payload]);
    await expect(codec.decode([encoded])).rejects.toThrow(/another key/);
  });

  it('detects tampering', async () => {
    const [encoded] = await codec.encode([payload]);
    const data = Buffer.from(encoded.data!);
    data[20] ^= 0xff;
    await expect(codec.decode([{ ...encoded, data }])).rejects.toThrow();
  });

  it.each([
    ['too short', Buffer.alloc(16).toString('base64')],
    ['too long', Buffer.alloc(33).toString('base64')],
    ['empty', ''],
  ])('rejects a key that is %s', (_name, value) => {
    expect(() => parsePayloadKey(value)).toThrow(/32 bytes/);
  });

  it('accepts a 32-byte base64 key and builds a data converter only with a key', () => {
    expect(parsePayloadKey(Buffer.alloc(32, 9).toString('base64'))).toHaveLength(32);
    expect(encryptingDataConverter(undefined)).toBeUndefined();
    expect(encryptingDataConverter(key)?.payloadCodecs).toHaveLength(1);
  });
});

describe('data keys (crypto-shredding) and the keyring', () => {
  /** An in-memory data-key source, as runtime/data-keys.ts keeps them in PostgreSQL. */
  function memoryKeys() {
    const keys = new Map<string, Buffer | 'erased'>();
    const source = {
      owns: (id: string) => id.startsWith('CMP-'),
      async keyFor(owner: string) {
        if (!keys.has(owner)) keys.set(owner, Buffer.alloc(32, owner.length));
        return source.existingKey(owner);
      },
      async existingKey(owner: string) {
        const k = keys.get(owner);
        if (k === 'erased') throw new PersonalDataErased(owner, new Date('2026-11-27T00:00:00Z'));
        if (!k) throw new Error('no key');
        return k;
      },
    };
    return { source, erase: (owner: string) => keys.set(owner, 'erased') };
  }
  const context = { type: 'workflow' as const, namespace: 'default', workflowId: 'CMP-20261127-000001' };

  it('encrypts a complaint’s payloads with its own data key, named in the metadata; others with the service key', async () => {
    const { source } = memoryKeys();
    const c = new AesGcmPayloadCodec(key, source);
    const [mine] = await c.encode([payload], context);
    expect(Buffer.from(mine.metadata!['encryption-data-key']!).toString()).toBe('CMP-20261127-000001');
    const [other] = await c.encode([payload], { type: 'workflow', namespace: 'default', workflowId: 'retention-sweep' });
    expect(other.metadata!['encryption-data-key']).toBeUndefined();
    // Decoding needs no context: the payload names its key.
    expect(defaultPayloadConverter.fromPayload((await c.decode([mine]))[0]!)).toMatchObject({ phone: '13800138000' });
    expect(defaultPayloadConverter.fromPayload((await c.decode([other]))[0]!)).toMatchObject({ phone: '13800138000' });
    // The service key alone cannot read a data-key payload.
    await expect(new AesGcmPayloadCodec(key).decode([mine])).rejects.toThrow(/data key/);
  });

  it('an erased data key leaves the payload unreadable, and a viewer sees "erased"', async () => {
    const { source, erase } = memoryKeys();
    const c = new AesGcmPayloadCodec(key, source);
    const [mine] = await c.encode([payload], context);
    erase('CMP-20261127-000001');
    await expect(c.decode([mine])).rejects.toBeInstanceOf(PersonalDataErased);
    const shown = await c.decodeForViewer(mine);
    expect(defaultPayloadConverter.fromPayload(shown)).toMatch(/^erased: the personal data of CMP-20261127-000001 was erased on 2026-11-27/);
    await expect(c.encode([payload], context)).rejects.toBeInstanceOf(PersonalDataErased);
  });

  it('a rotated keyring encrypts with the new key, still decrypts the old, and re-wraps data keys bound to their owner', async () => {
    const oldKey = Buffer.alloc(32, 3);
    const newKey = Buffer.alloc(32, 4);
    const [legacy] = await new AesGcmPayloadCodec(oldKey).encode([payload]);
    const rotated = new ServiceKeyring(newKey, [oldKey]);
    expect(rotated.currentId).toBe(keyIdOf(newKey));
    expect(defaultPayloadConverter.fromPayload((await new AesGcmPayloadCodec(rotated).decode([legacy]))[0]!)).toMatchObject({ name: '王小明' });
    const dataKey = Buffer.alloc(32, 9);
    const wrappedOld = new ServiceKeyring(oldKey).wrap(dataKey, 'CMP-1');
    expect(rotated.unwrap(wrappedOld.wrapped, wrappedOld.wrappedWith, 'CMP-1')).toEqual(dataKey);
    const rewrapped = rotated.wrap(dataKey, 'CMP-1');
    expect(rewrapped.wrappedWith).toBe(keyIdOf(newKey));
    expect(new ServiceKeyring(newKey).unwrap(rewrapped.wrapped, rewrapped.wrappedWith, 'CMP-1')).toEqual(dataKey);
    // A wrapped key copied onto another complaint's row does not open.
    expect(() => rotated.unwrap(rewrapped.wrapped, rewrapped.wrappedWith, 'CMP-2')).toThrow();
    expect(() => new ServiceKeyring(newKey).unwrap(wrappedOld.wrapped, wrappedOld.wrappedWith, 'CMP-1')).toThrow(/PAYLOAD_ENCRYPTION_PREVIOUS_KEYS/);
    expect(parsePreviousKeys(` ${oldKey.toString('base64')} ,`)).toEqual([oldKey]);
    expect(() => parsePreviousKeys('c2hvcnQ=')).toThrow(/32 bytes/);
  });
});

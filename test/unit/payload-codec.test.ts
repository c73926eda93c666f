import { defaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, encryptingDataConverter, parsePayloadKey } from '../../runtime/payload-codec';

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

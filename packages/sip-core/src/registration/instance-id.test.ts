import { describe, expect, it } from 'vitest';
import { deviceInstanceId } from './instance-id.js';

describe('deviceInstanceId (RFC 5626 §4.1)', () => {
  it('is a version 5 urn:uuid, stable for one AoR on one device and different otherwise', () => {
    const a = deviceInstanceId('sip:alice@example.com', 'laptop');
    expect(a).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deviceInstanceId('sip:alice@example.com', 'laptop')).toBe(a);
    expect(deviceInstanceId('sip:alice@example.com', 'phone')).not.toBe(a);
    expect(deviceInstanceId('sip:bob@example.com', 'laptop')).not.toBe(a);
    expect(deviceInstanceId('sip:alice@example.com')).toBe(deviceInstanceId('sip:alice@example.com'));
  });
});

import Stripe from 'stripe'
import { describe, expect, it } from 'vitest'
import {
  generateTestHeader,
  hmacHex,
  parseSignatureHeader,
  verifySignatureHeader,
  WEBHOOK_TOLERANCE_SECONDS,
} from './signing'

// stripe-node test/Webhook.spec.ts signs with this secret.
const SECRET = 'whsec_test_secret'
const NOW_S = 1_900_000_000
const NOW_MS = NOW_S * 1000
const PAYLOAD = JSON.stringify({ id: 'evt_test_webhook', object: 'event' })

const stripe = new Stripe('sk_test_unused')

describe('Stripe HMAC primitive (stripe-node test/crypto/helpers.ts vectors, secret test_secret)', () => {
  it.each([
    ['', 'f7f9bd47fb987337b5796fdc1fdb9ba221d0d5396814bfcaf9521f43fd8927fd'],
    [
      '{"obj1":"hello","obj2":"world"}',
      'bebb1a643997f419b315ddba19e6f5411e1ce7f810ba6d3617ce72823092f363',
    ],
    ['\u{1F600}', '837da296d05c4fe31f61d5d7ead035099d9585a5bcde87de952012a78f0b0c43'],
  ])('signs %j as published', async (payload, expected) => {
    expect(await hmacHex('test_secret', payload)).toBe(expected)
  })
})

describe('Stripe-Signature verification', () => {
  it('accepts a header the stripe package generates', async () => {
    const header = await stripe.webhooks.generateTestHeaderStringAsync({
      payload: PAYLOAD,
      secret: SECRET,
      timestamp: NOW_S,
    })
    expect(await verifySignatureHeader(SECRET, header, PAYLOAD, NOW_MS)).toBe(true)
  })

  it('signs what stripe.webhooks.constructEventAsync accepts', async () => {
    const header = await generateTestHeader({ payload: PAYLOAD, secret: SECRET, timestamp: NOW_S })
    const event = await stripe.webhooks.constructEventAsync(
      PAYLOAD,
      header,
      SECRET,
      undefined,
      undefined,
      NOW_MS
    )
    expect(event.id).toBe('evt_test_webhook')
  })

  it('signs like stripe.webhooks.generateTestHeaderStringAsync, byte for byte', async () => {
    const theirs = await stripe.webhooks.generateTestHeaderStringAsync({
      payload: PAYLOAD,
      secret: SECRET,
      timestamp: NOW_S,
    })
    expect(await generateTestHeader({ payload: PAYLOAD, secret: SECRET, timestamp: NOW_S })).toBe(
      theirs
    )
  })

  it('keys the HMAC with the whole secret, whsec_ prefix included', async () => {
    const header = await generateTestHeader({
      payload: PAYLOAD,
      secret: 'test_secret',
      timestamp: NOW_S,
    })
    expect(await verifySignatureHeader('whsec_test_secret', header, PAYLOAD, NOW_MS)).toBe(false)
    expect(await verifySignatureHeader('test_secret', header, PAYLOAD, NOW_MS)).toBe(true)
  })

  it('accepts any v1 signature and ignores other schemes, as during a secret roll', async () => {
    const good = await generateTestHeader({ payload: PAYLOAD, secret: SECRET, timestamp: NOW_S })
    const v1 = good.split('v1=')[1]
    const rolled = `t=${NOW_S},v1=${'0'.repeat(64)},v1=${v1},v0=${'f'.repeat(64)}`
    expect(await verifySignatureHeader(SECRET, rolled, PAYLOAD, NOW_MS)).toBe(true)
    const onlyV0 = `t=${NOW_S},v0=${v1}`
    expect(await verifySignatureHeader(SECRET, onlyV0, PAYLOAD, NOW_MS)).toBe(false)
  })

  it('refuses an altered body, another secret, no header or no timestamp', async () => {
    const header = await generateTestHeader({ payload: PAYLOAD, secret: SECRET, timestamp: NOW_S })
    expect(await verifySignatureHeader(SECRET, header, `${PAYLOAD} `, NOW_MS)).toBe(false)
    expect(await verifySignatureHeader('whsec_other', header, PAYLOAD, NOW_MS)).toBe(false)
    expect(await verifySignatureHeader(SECRET, null, PAYLOAD, NOW_MS)).toBe(false)
    expect(await verifySignatureHeader('', header, PAYLOAD, NOW_MS)).toBe(false)
    const noTimestamp = header.replace(/^t=\d+,/, '')
    expect(await verifySignatureHeader(SECRET, noTimestamp, PAYLOAD, NOW_MS)).toBe(false)
  })

  it('refuses an event older than the tolerance, and only by age (like stripe-node)', async () => {
    const header = await generateTestHeader({ payload: PAYLOAD, secret: SECRET, timestamp: NOW_S })
    const limit = NOW_MS + WEBHOOK_TOLERANCE_SECONDS * 1000
    expect(await verifySignatureHeader(SECRET, header, PAYLOAD, limit)).toBe(true)
    expect(await verifySignatureHeader(SECRET, header, PAYLOAD, limit + 1000)).toBe(false)
    // A timestamp ahead of our clock is not refused (stripe-node checks the age only).
    expect(await verifySignatureHeader(SECRET, header, PAYLOAD, NOW_MS - 3_600_000)).toBe(true)
    await expect(
      stripe.webhooks.constructEventAsync(
        PAYLOAD,
        header,
        SECRET,
        undefined,
        undefined,
        limit + 1000
      )
    ).rejects.toThrow(/tolerance/)
  })

  it('reads the header the way stripe-node splits it', () => {
    expect(parseSignatureHeader('t=12,v1=ab,v0=cd,v1=ef')).toEqual({
      timestamp: 12,
      signatures: ['ab', 'ef'],
    })
    expect(parseSignatureHeader('v1=ab')).toBeUndefined()
    expect(parseSignatureHeader('t=12')).toBeUndefined()
  })
})

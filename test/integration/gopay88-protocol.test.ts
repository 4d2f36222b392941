/**
 * GoPay88 beyond the conformance matrix: channels and currencies, Chinese text through the
 * double-encoding server, orders GoPay88 closes, and the simulator's refusals of requests that
 * break the x-ca rules (so the matrix passing means the adapter keeps them).
 */
import { describe, expect, it } from 'vitest'
import { toBase64, utf8 } from '../../src/crypto/encoding'
import { importRsaPrivateKey, rsaSign } from '../../src/crypto/rsa'
import { asciiJson, requestHeaders, requestStringToSign } from '../../src/providers/gopay88/signing'
import { gopay88Profile } from '../conformance/gopay88'
import { callbackUrl, harnessFor } from '../conformance/harness'
import { SIMULATORS_ORIGIN, takeNotifications } from '../conformance/simulators'
import { call } from '../helpers/http'

const BASE = `${SIMULATORS_ORIGIN}/gopay88`

const configOf = (h: Awaited<ReturnType<typeof harnessFor>>) =>
  Object.fromEntries(h.account.configs.map(({ key, value }) => [key, value]))

/** A request to the simulator signed by the test, with `body` sent as the given bytes. */
async function signedCall(config: Record<string, string>, body: string, signedBody = body) {
  const restUrl = `${BASE}/pay/unifiedorder`
  const headers = await requestHeaders(
    { apiKey: config.apiKey!, merchantPrivateKey: config.merchantPrivateKey! },
    { restUrl, nonce: 'A'.repeat(32), timestamp: String(Date.now()), body: signedBody }
  )
  return fetch(restUrl, { method: 'POST', headers, body })
}

const order = (config: Record<string, string>, outTradeNo: string, subject: string) => ({
  mchid: config.mchId,
  out_trade_no: outTradeNo,
  subject,
  body: subject,
  amount: 1.5,
  currency: 'CNY',
  channel: 'gopay_bankupi',
  extparam: { userid: 'u1' },
  client_ip: '127.0.0.1',
  return_url: 'https://shop.example.com/r',
  notify_url: 'https://gateway.example/n',
})

describe('GoPay88 through the gateway', () => {
  it('pays with the channel the payment names, and with Chinese text in the order', async () => {
    const h = await harnessFor(gopay88Profile)
    const created = await h.pay({
      callbackUrl,
      paymentMethod: 'gopay_quickupi',
      description: '会员充值 VIP',
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body.transactionId).toBe(`gopay_quickupi:${created.body.paymentId}`)
    await h.press(created.body.redirectUrl!, 'pass')
    const paid = await h.get(created.body.paymentId)
    expect(paid).toMatchObject({ status: 'successful', amountMinor: 10000 })
  })

  it('refuses payouts, unknown channels and currencies other than CNY and INR', async () => {
    const h = await harnessFor(gopay88Profile)
    for (const body of [
      { callbackUrl, paymentMethod: 'gopay_payout' },
      { callbackUrl, paymentMethod: 'wx_native' },
      { callbackUrl, currency: 'EUR' },
    ]) {
      const res = await h.pay(body)
      expect(res.status, JSON.stringify(res.body)).toBe(422)
      expect((res.body as unknown as { error: { code: string } }).error.code).toBe('not_supported')
    }
    const rupees = await h.pay({ callbackUrl, currency: 'INR' })
    expect(rupees.status).toBe(201)
  })

  it('fails a payment whose order GoPay88 closed unpaid', async () => {
    const h = await harnessFor(gopay88Profile)
    const created = await h.pay({ callbackUrl })
    const closed = await fetch(`${BASE}/__sim/close`, {
      method: 'POST',
      body: JSON.stringify({ merchant: h.account.merchant, out_trade_no: created.body.paymentId }),
    })
    expect(closed.status).toBe(200)
    expect((await h.get(created.body.paymentId)).status).toBe('failed')
  })

  it('fails with a clear reason when GoPay88 refuses the signature', async () => {
    const h = await harnessFor(gopay88Profile)
    const other = await harnessFor(gopay88Profile)
    const stored = await call('POST', '/v1/config/tenant', {
      token: h.tenant.token,
      body: {
        provider: 'gopay88',
        environment: 'test',
        configs: h.account.configs.map((c) =>
          c.key === 'merchantPrivateKey'
            ? { key: c.key, value: configOf(other).merchantPrivateKey }
            : c
        ),
      },
    })
    expect(stored.status).toBe(200)
    const res = await h.pay({ callbackUrl })
    expect(res.status, JSON.stringify(res.body)).toBe(402)
    expect((res.body as { message?: string }).message).toMatch(/signature/)
  })

  it('sends a notification only for a paid order', async () => {
    const h = await harnessFor(gopay88Profile)
    const failed = await h.pay({ callbackUrl })
    await h.press(failed.body.redirectUrl!, 'fail')
    expect(await takeNotifications(h.account)).toEqual([])
  })
})

describe('the GoPay88 simulator keeps the x-ca rules', () => {
  it('answers a signed ASCII order, and refuses UTF-8 bytes signed without utf8_encode', async () => {
    const h = await harnessFor(gopay88Profile)
    const config = configOf(h)
    const ascii = asciiJson(order(config, 'E1', '会员充值'))
    expect((await signedCall(config, ascii)).status).toBe(200)
    // The server hashes utf8_encode(body): raw UTF-8 signed without that double encoding fails.
    const raw = JSON.stringify(order(config, 'E2', '会员充值'))
    const restUrl = `${BASE}/pay/unifiedorder`
    const headers = await requestHeaders(
      { apiKey: config.apiKey!, merchantPrivateKey: config.merchantPrivateKey! },
      { restUrl, nonce: 'B'.repeat(32), timestamp: String(Date.now()), body: raw }
    )
    const key = await importRsaPrivateKey(config.merchantPrivateKey!, 'SHA-1')
    const naive = requestStringToSign({
      restUrl,
      nonce: 'B'.repeat(32),
      timestamp: headers['x-ca-timestamp']!,
      body: raw,
    })
    headers['x-ca-signature'] = toBase64(await rsaSign(key, toBase64(utf8(naive))))
    const refused = await fetch(restUrl, { method: 'POST', headers, body: raw })
    expect(refused.status).toBe(403)
    expect(await refused.json()).toEqual({
      error_msg: 'Invalid Request.[ Request Data And Sign Verify Failure.]',
      error_code: 400003,
    })
  })

  it('takes the amount as the float the document types, never as a string', async () => {
    const h = await harnessFor(gopay88Profile)
    const config = configOf(h)
    const asString = asciiJson({ ...order(config, 'E4', 'VIP'), amount: '1.50' })
    expect(await (await signedCall(config, asString)).json()).toEqual({
      error_msg: 'invalid parameters',
      error_code: 100000,
    })
    const asFloat = asciiJson(order(config, 'E5', 'VIP'))
    expect(asFloat).toContain('"amount":1.5,')
    const answer = await signedCall(config, asFloat)
    expect(answer.status).toBe(200)
    expect(((await answer.json()) as { charge: { amount: string } }).charge.amount).toBe('1.5')
  })

  it('refuses a missing header, an unknown key, a tampered body and a repeated order number', async () => {
    const h = await harnessFor(gopay88Profile)
    const config = configOf(h)
    const body = asciiJson(order(config, 'E3', 'VIP'))
    const missing = await fetch(`${BASE}/pay/unifiedorder`, { method: 'POST', body })
    expect(missing.status).toBe(400)
    expect(((await missing.json()) as { error_code: number }).error_code).toBe(400000)
    const unknownKey = await signedCall({ ...config, apiKey: '0'.repeat(32) }, body)
    expect(unknownKey.status).toBe(400)
    expect(((await unknownKey.json()) as { error_code: number }).error_code).toBe(400003)
    const tampered = await signedCall(config, body.replace('"amount":1.5', '"amount":9.5'), body)
    expect(tampered.status).toBe(403)
    expect((await signedCall(config, body)).status).toBe(200)
    const repeated = await signedCall(config, body)
    expect(await repeated.json()).toEqual({
      error_msg: 'Create Order Error:[Repeat Order Number]',
      error_code: 100000,
    })
  })
})

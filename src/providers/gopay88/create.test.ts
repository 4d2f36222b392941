import { describe, expect, it } from 'vitest'
import { sha256Hex } from '../../crypto/hash'
import { gopay88Provider as provider } from './adapter'
import { PATH_UNIFIED_ORDER_AS_DOCUMENTED } from './api'
import {
  answerWithBody,
  contextWith,
  createdCharge,
  errorAnswer,
  input,
  phpJson,
  signatureHolds,
  signedAnswer,
  TEST_CONFIG,
  TEST_NOW_MS,
} from './testing'

describe('GoPay88 unifiedorder', () => {
  it('sends the documented order, signed over exactly the bytes sent, and answers with the page', async () => {
    const { ctx, sent } = contextWith(() => signedAnswer(createdCharge()))
    const outcome = await provider.createPayment(ctx, input)
    expect(outcome).toEqual({
      kind: 'pending',
      redirectUrl: 'https://pay.gopay88.io/cashier/abc',
      providerPaymentId: 'gopay_bankupi:pay_01JTEST',
    })
    const [request] = sent
    expect(request!.url).toBe('https://pay.gopay88.io/pay/unifiedorder')
    expect(request!.headers.get('x-ca-resturl')).toBe('https://pay.gopay88.io/pay/unifiedorder')
    expect(request!.headers.get('x-ca-auth')).toBe(TEST_CONFIG.apiKey)
    expect(request!.headers.get('x-ca-timestamp')).toBe(String(TEST_NOW_MS))
    expect(request!.headers.get('x-ca-noncestr')).toMatch(/^[0-9A-F]{32}$/)
    expect(request!.headers.get('content-type')).toBe('application/json; charset=UTF-8')
    expect(request!.headers.get('accept')).toBe('application/json; charset=UTF-8')
    expect(request!.body).toMatch(/^[\x20-\x7e]+$/)
    const userid = (await sha256Hex('li.wei@example.com')).slice(0, 32)
    expect(request!.body).toBe(
      `{"mchid":"100001","out_trade_no":"pay_01JTEST","subject":"\\u4f1a\\u5458\\u5145\\u503c","body":"\\u4f1a\\u5458\\u5145\\u503c","amount":100,"currency":"CNY","channel":"gopay_bankupi","extparam":{"userid":"${userid}"},"client_ip":"203.0.113.9","return_url":"${input.returnUrl}","notify_url":"https://gateway.example/v1/webhooks/gopay88"}`
    )
    expect(await signatureHolds(request!)).toBe(true)
  })

  it('keeps a base URL prefix in the URL and x-ca-resturl, and signs from /pay/', async () => {
    const { ctx, sent } = contextWith(() => signedAnswer(createdCharge()), {
      baseUrl: 'https://gw.example/gopay88',
    })
    await provider.createPayment(ctx, input)
    expect(sent[0]!.url).toBe('https://gw.example/gopay88/pay/unifiedorder')
    expect(sent[0]!.headers.get('x-ca-resturl')).toBe('https://gw.example/gopay88/pay/unifiedorder')
    expect(await signatureHolds(sent[0]!)).toBe(true)
  })

  it('uses the payment method, else the configured channel, else gopay_bankupi; and the default client IP', async () => {
    const channelOf = async (config: Record<string, string>, paymentMethod?: string) => {
      const { ctx, sent } = contextWith(() => signedAnswer(createdCharge()), { config })
      const customer = { ...input.customer, ipAddress: undefined }
      const outcome = await provider.createPayment(ctx, { ...input, paymentMethod, customer })
      const body = JSON.parse(sent[0]!.body)
      expect(body.client_ip).toBe('127.0.0.1')
      return [body.channel, outcome.kind === 'pending' && outcome.providerPaymentId]
    }
    expect(await channelOf({}, 'gopay_quickupi')).toEqual([
      'gopay_quickupi',
      'gopay_quickupi:pay_01JTEST',
    ])
    expect(await channelOf({ channel: 'gopay_banktransfer' })).toEqual([
      'gopay_banktransfer',
      'gopay_banktransfer:pay_01JTEST',
    ])
    expect(await channelOf({})).toEqual(['gopay_bankupi', 'gopay_bankupi:pay_01JTEST'])
  })

  it('does not take cards, authorizations, recurring, payouts, other channels or currencies', async () => {
    const { ctx, sent } = contextWith(() => signedAnswer(createdCharge()))
    const card = {
      holderName: 'L W',
      number: '4111111111111111',
      expiryMonth: 1,
      expiryYear: 2030,
      cvv: '123',
    }
    for (const refused of [
      { card },
      { capture: false },
      { recurring: true },
      { returnUrl: undefined },
      { paymentMethod: 'gopay_payout' },
      { paymentMethod: 'wx_native' },
      { currency: 'EUR' },
    ]) {
      expect(await provider.createPayment(ctx, { ...input, ...refused })).toEqual({
        kind: 'not_supported',
      })
    }
    expect(sent).toHaveLength(0)
  })

  it('does not believe an answer whose platform signature fails', async () => {
    const { ctx } = contextWith(async () => {
      const genuine = await signedAnswer(createdCharge())
      const text = (await genuine.text()).replace('cashier\\/abc', 'cashier\\/evil')
      return new Response(text, { headers: genuine.headers })
    })
    expect(await provider.createPayment(ctx, input)).toEqual({
      kind: 'unknown',
      reason: 'unverified_answer',
    })
  })

  it('believes a genuine answer whatever spacing and escaping its body uses', async () => {
    const charge = createdCharge()
    const pretty = JSON.stringify({ result_code: 'OK', result_msg: 'SUCCESS', charge }, null, 2)
    for (const signed of [phpJson(charge), JSON.stringify(charge)]) {
      const { ctx } = contextWith(() => answerWithBody(pretty, signed))
      expect(await provider.createPayment(ctx, input), signed).toMatchObject({
        kind: 'pending',
        redirectUrl: 'https://pay.gopay88.io/cashier/abc',
      })
    }
    const tampered = pretty.replace('cashier/abc', 'cashier/evil')
    const { ctx } = contextWith(() => answerWithBody(tampered, phpJson(charge)))
    expect(await provider.createPayment(ctx, input)).toEqual({
      kind: 'unknown',
      reason: 'unverified_answer',
    })
  })

  it('takes a refusal without charge or signature as a refusal, but never an unsigned success', async () => {
    for (const body of [
      { result_code: 'OK', result_msg: 'FAIL' },
      { result_code: 'FAIL', result_msg: 'Route Payment Error' },
    ]) {
      const { ctx } = contextWith(() => Response.json(body))
      expect(await provider.createPayment(ctx, input)).toMatchObject({
        kind: 'declined',
        declineCode: 'processing_error',
        providerCode: body.result_msg,
      })
    }
    const { ctx } = contextWith(() =>
      Response.json({ result_code: 'OK', result_msg: 'SUCCESS', charge: createdCharge() })
    )
    expect(await provider.createPayment(ctx, input)).toEqual({
      kind: 'unknown',
      reason: 'unverified_answer',
    })
  })

  it("tries the document's unifedorder spelling when unifiedorder is not found", async () => {
    for (const missing of [
      () => errorAnswer(404, 100000, 'Global: Your Required Resource Are Not Found'),
      () => new Response('<html>404 Not Found</html>', { status: 404 }),
    ]) {
      const { ctx, sent } = contextWith((request) =>
        request.url.endsWith(PATH_UNIFIED_ORDER_AS_DOCUMENTED)
          ? signedAnswer(createdCharge())
          : missing()
      )
      expect(await provider.createPayment(ctx, input)).toMatchObject({ kind: 'pending' })
      expect(sent.map((r) => r.headers.get('x-ca-resturl'))).toEqual([
        'https://pay.gopay88.io/pay/unifiedorder',
        'https://pay.gopay88.io/pay/unifedorder',
      ])
      expect(sent[1]!.url).toBe('https://pay.gopay88.io/pay/unifedorder')
      expect(sent[1]!.body).toBe(sent[0]!.body)
      expect(await signatureHolds(sent[1]!)).toBe(true)
    }
    const unknownUser = contextWith(() => errorAnswer(404, 600000, 'User do not exist.'))
    expect(await provider.createPayment(unknownUser.ctx, input)).toMatchObject({
      kind: 'declined',
      providerCode: '600000',
    })
    expect(unknownUser.sent).toHaveLength(1)
  })

  it('finds the payment page under any credential field that names one page URL', async () => {
    const pageOf = async (credential: unknown) => {
      const { ctx } = contextWith(() => signedAnswer(createdCharge({ credential })))
      const outcome = await provider.createPayment(ctx, input)
      return outcome.kind === 'pending' ? outcome.redirectUrl : outcome.kind
    }
    expect(await pageOf({ order_qr: 'https://qr.example/p/1' })).toBe('https://qr.example/p/1')
    expect(await pageOf({ pay_url: 'https://pay.example/1', out_trade_no: 'D1' })).toBe(
      'https://pay.example/1'
    )
    expect(await pageOf({ link: 'https://pay.example/2', out_trade_no: 'D1' })).toBe(
      'https://pay.example/2'
    )
    expect(await pageOf({ order_qr: 'weixin://wxpay/bizpayurl?pr=x' })).toBe('declined')
    expect(await pageOf({ return_url: 'https://shop.example/r', out_trade_no: 'D1' })).toBe(
      'declined'
    )
    expect(await pageOf({ a: 'https://a.example', b: 'https://b.example' })).toBe('declined')
    expect(await pageOf(undefined)).toBe('declined')
  })

  it('sends a subject and body even when the description is blank', async () => {
    const { ctx, sent } = contextWith(() => signedAnswer(createdCharge()))
    await provider.createPayment(ctx, { ...input, description: '  ' })
    expect(JSON.parse(sent[0]!.body)).toMatchObject({
      subject: 'Order pay_01JTEST',
      body: 'Order pay_01JTEST',
    })
  })

  it('declines when GoPay88 opens no payment page', async () => {
    for (const answer of [
      () => signedAnswer(createdCharge({ credential: [] })),
      () => signedAnswer([], 'FAIL'),
    ]) {
      const { ctx } = contextWith(answer)
      expect(await provider.createPayment(ctx, input)).toMatchObject({
        kind: 'declined',
        declineCode: 'processing_error',
      })
    }
  })

  it('maps the error table: refusals decline with a clear reason, the rest stay unknown', async () => {
    const outcomeOf = async (answer: () => Response) =>
      provider.createPayment(contextWith(answer).ctx, input)
    const refusedSignature = await outcomeOf(() =>
      errorAnswer(403, 400003, 'Invalid Request.[ Request Data And Sign Verify Failure.]')
    )
    expect(refusedSignature).toMatchObject({
      kind: 'declined',
      declineCode: 'processing_error',
      providerCode: '400003',
    })
    expect(refusedSignature.kind === 'declined' && refusedSignature.message).toMatch(
      /signature.*merchantPrivateKey/
    )
    expect(
      await outcomeOf(() =>
        errorAnswer(400, 400003, 'Invalid Request.[Payment Code Does Not Allowed.]')
      )
    ).toMatchObject({ declineCode: 'not_permitted' })
    expect(
      await outcomeOf(() =>
        errorAnswer(403, 100003, 'Invalid Request.[Trigger Restriction And Flow Control.]')
      )
    ).toMatchObject({ kind: 'declined', declineCode: 'processing_error', providerCode: '100003' })
    expect(
      await outcomeOf(() =>
        errorAnswer(400, 999999, 'Error .[There may be a problem with the system.]')
      )
    ).toEqual({ kind: 'unknown', reason: 'gopay88_system_error' })
    expect(
      await outcomeOf(() => errorAnswer(400, 100000, 'Create Order Error:[Repeat Order Number]'))
    ).toEqual({ kind: 'unknown', reason: 'gopay88_repeat_order_number' })
    expect(await outcomeOf(() => errorAnswer(400, 424242, 'undocumented'))).toEqual({
      kind: 'unknown',
      reason: 'gopay88_error_424242',
    })
    expect(await outcomeOf(() => new Response('oops', { status: 502 }))).toEqual({
      kind: 'unknown',
      reason: 'http_502',
    })
    expect(
      await outcomeOf(() => {
        throw new TypeError('network')
      })
    ).toEqual({ kind: 'unknown', reason: 'network_error' })
  })

  it('never puts the API key or the private key into an outcome', async () => {
    const { ctx } = contextWith(() =>
      errorAnswer(400, 400003, `Invalid Request.[Auth Key No permission or nexistencet.]`)
    )
    const text = JSON.stringify(await provider.createPayment(ctx, input))
    expect(text).not.toContain(TEST_CONFIG.apiKey)
    expect(text).not.toContain('PRIVATE KEY')
    const broken = contextWith(() => signedAnswer(createdCharge()), {
      config: { merchantPrivateKey: 'AAAA' },
    })
    expect(await provider.createPayment(broken.ctx, input)).toMatchObject({ kind: 'declined' })
    expect(broken.sent).toHaveLength(0)
  })
})

import { describe, expect, it } from 'vitest'
import { recordingFetch } from '../call-log'
import { callGoPay, TOKEN_SCOPES, USER_AGENT } from './client'
import { gopayConfigSchema } from './config'
import { settingsOf } from './settings'
import { CONFIG, fakeGoPay, goPayError, goPayPayment, json } from './test-context'

const status = {
  method: 'GET',
  path: '/payments/payment/3123456789',
  scope: 'payment-all',
} as const

describe('GoPay client', () => {
  it('asks for a token with Basic client credentials and a form body, as the SDKs do', async () => {
    const gopay = fakeGoPay([(r) => (r.method === 'GET' ? json(200, goPayPayment()) : undefined)])
    await callGoPay(gopay.ctx, status)
    const [token, call] = gopay.sent
    expect(token).toMatchObject({ method: 'POST', path: '/oauth2/token' })
    expect(token!.body).toBe('grant_type=client_credentials&scope=payment-all')
    expect(token!.headers).toMatchObject({
      accept: 'application/json',
      'accept-language': 'en-US',
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${btoa(`${CONFIG.clientId}:${CONFIG.clientSecret}`)}`,
      'user-agent': USER_AGENT,
    })
    expect(call!.headers).toMatchObject({
      accept: 'application/json',
      'accept-language': 'en-US',
      authorization: 'Bearer AAA-token-1',
    })
    expect(call!.headers['content-type']).toBeUndefined()
  })

  it('uses the documented example credentials byte for byte', async () => {
    // doc "Autentizace": <ClientId>:<ClientSecret> → PENsaWVudElkPjo8Q2xpZW50U2VjcmV0Pg==
    const gopay = fakeGoPay([], {
      ...CONFIG,
      clientId: '<ClientId>',
      clientSecret: '<ClientSecret>',
    })
    await callGoPay(gopay.ctx, status)
    expect(gopay.sent[0]!.headers.authorization).toBe('Basic PENsaWVudElkPjo8Q2xpZW50U2VjcmV0Pg==')
  })

  it('keeps one token per scope and reuses it', async () => {
    const gopay = fakeGoPay([() => json(200, goPayPayment())])
    await callGoPay(gopay.ctx, status)
    await callGoPay(gopay.ctx, status)
    await callGoPay(gopay.ctx, { ...status, scope: TOKEN_SCOPES.create })
    const tokenRequests = gopay.sent.filter((r) => r.path === '/oauth2/token').map((r) => r.body)
    expect(tokenRequests).toEqual([
      'grant_type=client_credentials&scope=payment-all',
      'grant_type=client_credentials&scope=payment-create',
    ])
    expect(gopay.tokens.held.get('payment-all')).toBe('AAA-token-1')
  })

  it('fetches a new token once when GoPay refuses the cached one, then calls again', async () => {
    const gopay = fakeGoPay([
      (r) => (r.headers.authorization === 'Bearer stale' ? json(403, goPayError(200)) : undefined),
      () => json(200, goPayPayment()),
    ])
    await gopay.tokens.put('payment-all', 'stale', 1800)
    const { result, tokenFailed } = await callGoPay(gopay.ctx, status)
    expect(result).toMatchObject({ ok: true, status: 200 })
    expect(tokenFailed).toBe(false)
    expect(gopay.sent.map((r) => r.path)).toEqual([
      '/payments/payment/3123456789',
      '/oauth2/token',
      '/payments/payment/3123456789',
    ])
  })

  it('keeps a token whose answer omits expires_in or writes it as a string', async () => {
    for (const answer of [
      { access_token: 'AAA-loose' },
      { access_token: 'AAA-loose', expires_in: '1800' },
    ]) {
      const gopay = fakeGoPay(
        [(r) => (r.path === '/oauth2/token' ? json(201, answer) : json(200, goPayPayment()))],
        CONFIG,
        { issueTokens: false }
      )
      const { result, tokenFailed } = await callGoPay(gopay.ctx, status)
      expect(tokenFailed).toBe(false)
      expect(result).toMatchObject({ ok: true, status: 200 })
      expect(gopay.tokens.held.get('payment-all')).toBe('AAA-loose')
    }
  })

  it('reports a refused token request as a token failure, without calling the API', async () => {
    const failing = fakeGoPay([() => json(403, goPayError(202))], CONFIG, { issueTokens: false })
    const ctx = failing.ctx
    const { result, tokenFailed } = await callGoPay(ctx, status)
    expect(tokenFailed).toBe(true)
    expect(result).toMatchObject({ ok: true, status: 403 })
    expect(failing.sent).toHaveLength(1)
  })

  it('sends Czech pages with a Czech Accept-Language', async () => {
    const gopay = fakeGoPay([() => json(200, goPayPayment())], { ...CONFIG, language: 'CS' })
    await callGoPay(gopay.ctx, status)
    expect(gopay.sent.every((r) => r.headers['accept-language'] === 'cs-CZ')).toBe(true)
  })
})

describe('GoPay settings', () => {
  it('takes the three credentials, and optionally the page language and card tokens', () => {
    expect(gopayConfigSchema.safeParse(CONFIG).success).toBe(true)
    expect(
      gopayConfigSchema.safeParse({ ...CONFIG, language: 'CS', requestCardToken: 'true' }).success
    ).toBe(true)
    expect(gopayConfigSchema.safeParse({ ...CONFIG, language: 'cz' }).success).toBe(false)
    expect(gopayConfigSchema.safeParse({ ...CONFIG, goId: 'GO123' }).success).toBe(false)
    const { ctx } = fakeGoPay([])
    expect(settingsOf(ctx)).toEqual({
      goId: 8123456789,
      clientId: CONFIG.clientId,
      clientSecret: CONFIG.clientSecret,
      language: 'EN',
      requestCardToken: false,
    })
  })
})

describe('GoPay calls in the provider log', () => {
  it('show no client secret and no access token', async () => {
    const gopay = fakeGoPay([() => json(200, goPayPayment())])
    const recorder = recordingFetch(gopay.ctx.deps.fetch, Object.values(CONFIG), () => 0)
    const ctx = { ...gopay.ctx, deps: { ...gopay.ctx.deps, fetch: recorder.fetch } }
    await callGoPay(ctx, status)
    const logged = JSON.stringify(recorder.calls)
    expect(recorder.calls.map((c) => c.url)).toEqual([
      'https://gw.sandbox.gopay.com/api/oauth2/token',
      'https://gw.sandbox.gopay.com/api/payments/payment/3123456789',
    ])
    expect(logged).not.toContain(CONFIG.clientSecret)
    expect(logged).not.toContain('AAA-token-1')
    expect(logged).not.toContain(btoa(`${CONFIG.clientId}:${CONFIG.clientSecret}`))
  })
})

/** The pages a person reads: the error catalog behind every `docUrl`, and the demo shop. */
import { env, exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../../src/errors'
import { ERROR_HELP } from '../../src/http/error-catalog'
import { call, type ErrorBody, GATEWAY } from '../helpers/http'

describe('error explanations', () => {
  it('gives every error answer a docUrl to its code on /docs/errors', async () => {
    const answers = [
      await call<ErrorBody>('GET', '/v1/payments'),
      await call<ErrorBody>('GET', '/v1/nothing-here'),
      await call<ErrorBody>('POST', '/v1/auth/login', { rawBody: '{' }),
    ]
    for (const res of answers) {
      expect(res.body.error.docUrl).toBe(`${env.APP_URL}/docs/errors#${res.body.error.code}`)
    }
  })

  it('explains every code the API can answer with, each under its own anchor', async () => {
    const res = await exports.default.fetch(`${GATEWAY}/docs/errors`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toContain('text/html')
    const page = await res.text()
    for (const code of ERROR_CODES) {
      expect(ERROR_HELP[code].length, code).toBeGreaterThan(20)
      expect(page).toContain(`<tr id="${code}">`)
    }
    expect(page).toContain('<code>POST /v1/auth/refresh</code>')
  })
})

describe('the demo shop', () => {
  it('is served at /demo with its script, which pays through the public API', async () => {
    const res = await exports.default.fetch(`${GATEWAY}/demo`)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('<script src="/demo.js"></script>')
    const script = await env.ASSETS.fetch('http://assets.local/demo.js')
    expect(script.status).toBe(200)
    const text = await script.text()
    expect(text).toContain('/v1/payments/')
    expect(text).toContain('/v1/webhooks/deliveries')
  })
})

/**
 * The page at /docs/errors is docs/errors.html served from the static assets, which must be the
 * page the error catalog makes now (src/http/error-docs-page.ts), to the byte.
 */
import { env, exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { renderErrorDocs } from '../../src/http/error-docs-page'
import { ERROR_DOCS_ASSET } from '../../src/http/routes/error-docs'
import { recordGateway } from '../canaries/scan'
import { call, GATEWAY } from '../helpers/http'
import { recordingEnv } from '../helpers/webhooks'

const asset = (path: string) =>
  env.ASSETS.fetch(`http://assets.local${path}`, { redirect: 'manual' })

describe('GET /docs/errors', () => {
  it('is the page the error catalog makes, byte for byte', async () => {
    const res = await exports.default.fetch(`${GATEWAY}/docs/errors`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=UTF-8')
    expect(await res.text()).toBe(renderErrorDocs())
  })

  it('can be read after its request ended, as the canary tests read every answer', async () => {
    const gateway = recordGateway(recordingEnv().env)
    try {
      await call('GET', '/docs/errors')
      const [exchange] = await gateway.exchanges()
      expect(exchange!.place.text).toContain(renderErrorDocs())
    } finally {
      gateway.restore()
    }
  })

  it('reads the asset at the path that answers it, not the one that redirects there', async () => {
    const page = await asset(ERROR_DOCS_ASSET)
    expect(page.status).toBe(200)
    await page.body?.cancel()
    const redirected = await asset(`${ERROR_DOCS_ASSET}.html`)
    expect(redirected.status).toBe(307)
    expect(redirected.headers.get('Location')).toBe(ERROR_DOCS_ASSET)
  })

  it('answers 503 service_not_configured where the page is not among the assets', async () => {
    const ASSETS = { fetch: async () => new Response('Not Found', { status: 404 }) }
    const res = await createApp().request('/docs/errors', {}, { ...env, ASSETS })
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ error: { code: 'service_not_configured' } })
  })
})

/**
 * @module For the adapter's unit tests only: a provider context whose `fetch` records each request
 * and answers with canned Adyen answers, in order.
 */
import type { ProviderContext } from '../types'

export const TEST_CONFIG = {
  apiKey: 'AQEyhmfxK4_test_api_key_0123456789',
  merchantAccount: 'GoPayEdgeECOM',
  hmacKey: '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056',
}

export interface RecordedRequest {
  method: string
  url: URL
  headers: Headers
  body: Record<string, unknown> | undefined
}

export type CannedAnswer = { status: number; body?: unknown } | 'network_error'

export function testContext(answers: CannedAnswer[], overrides: Partial<ProviderContext> = {}) {
  const requests: RecordedRequest[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init)
    const text = await request.text()
    requests.push({
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
    })
    const answer = answers.shift()
    if (!answer || answer === 'network_error') throw new TypeError('network error')
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': 'application/json' },
    })
  }
  const ctx: ProviderContext = {
    deps: {
      fetch,
      now: () => 1_800_000_000_000,
      tokens: {
        get: async () => undefined,
        put: async () => {},
        drop: async () => {},
      },
    },
    config: { ...TEST_CONFIG },
    environment: 'test',
    baseUrl: 'https://checkout-test.adyen.com/v71',
    notificationUrl: 'https://gateway.example.com/v1/webhooks/adyen',
    ...overrides,
  }
  return { ctx, requests }
}

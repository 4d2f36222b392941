/**
 * @module The whole canary scenario, in the order a gateway lives it: accounts, the sandbox,
 * six providers by card and by hosted page, wrong credentials, misplaced card numbers, merchant
 * webhooks for every payment, the cron, and every route and page that reads data back.
 */
import { env } from 'cloudflare:workers'
import { expect } from 'vitest'
import type { QueueMessage } from '../../src/queues/messages'
import { adyenProfile } from '../conformance/adyen'
import { gopayProfile } from '../conformance/gopay'
import type { Harness } from '../conformance/harness'
import { iyzicoProfile } from '../conformance/iyzico'
import { paytrProfile } from '../conformance/paytr'
import { payuProfile } from '../conformance/payu'
import { stripeProfile } from '../conformance/stripe'
import { runCron } from '../helpers/cron'
import { call } from '../helpers/http'
import type { TestTenant } from '../helpers/tenant'
import {
  deliverMessages,
  merchantEndpoint,
  type ReceivedWebhook,
  runQueue,
} from '../helpers/webhooks'
import { readBack, signUpAndIn, webhookEndpoint } from './accounts'
import { misplacedCards, wrongCredentials } from './mistakes'
import { cardPayments, hostedPayments, sandboxPayments } from './payments'
import { type Planted, SECRET_KEYS } from './planted'

export const CARD_PROVIDERS = [iyzicoProfile, stripeProfile, adyenProfile, paytrProfile]
export const HOSTED_PROVIDERS = [gopayProfile, payuProfile]

/** Pages that are the same for everyone, read after everything else. */
const PAGES = ['/dashboard', '/docs', '/demo', '/docs/errors']

/** Every payment's events fanned out, and delivered to a merchant endpoint that keeps them. */
async function merchantWebhooks(announced: readonly QueueMessage[]): Promise<ReceivedWebhook[]> {
  const dispatches = announced.filter((m) => m.kind === 'dispatch').map((body) => ({ body }))
  const dispatched = await runQueue(dispatches)
  const endpoint = merchantEndpoint()
  const delivered = await runQueue(deliverMessages(dispatched.sent), { fetch: endpoint.fetch })
  expect(delivered.acked.length).toBeGreaterThan(10)
  const notifications = announced.filter((m) => m.kind === 'sandbox_notification')
  await runQueue(notifications.map((body) => ({ body })))
  return endpoint.received
}

export interface ScenarioRun {
  tenants: TestTenant[]
  harnesses: Harness[]
  /** What the merchant endpoints received. */
  webhooks: ReceivedWebhook[]
}

/** Runs the scenario; `announced` is what the Worker queued (a recording producer's list). */
export async function runScenario(
  planted: Planted,
  announced: readonly QueueMessage[]
): Promise<ScenarioRun> {
  const merchant = await signUpAndIn(planted)
  await webhookEndpoint(planted, merchant)
  await sandboxPayments(planted, merchant)
  await misplacedCards(planted, merchant)
  const harnesses: Harness[] = []
  for (const profile of CARD_PROVIDERS) harnesses.push(await cardPayments(planted, profile))
  for (const profile of HOSTED_PROVIDERS) harnesses.push(await hostedPayments(profile))
  for (const h of harnesses) {
    await webhookEndpoint(planted, h.tenant)
    for (const key of SECRET_KEYS[h.profile.provider] ?? []) {
      const value = h.account.configs.find((c) => c.key === key)?.value
      if (value) planted.secret(`${h.profile.provider} ${key}`, value)
    }
  }
  const refusing = await wrongCredentials(planted, [...CARD_PROVIDERS, ...HOSTED_PROVIDERS])
  const webhooks = await merchantWebhooks(announced)
  // Ten minutes on: reconciliation asks the providers about the payments the faults left open.
  await runCron(Date.now() + 10 * 60_000)
  await readBack(merchant, 'sandbox')
  for (const h of harnesses) await readBack(h.tenant, h.profile.provider)
  for (const page of PAGES) await call('GET', page)
  planted.secret('master key', env.CONFIG_ENCRYPTION_KEY)
  planted.secret('master key bytes', atob(env.CONFIG_ENCRYPTION_KEY))
  return { tenants: [merchant, ...harnesses.map((h) => h.tenant), refusing], harnesses, webhooks }
}

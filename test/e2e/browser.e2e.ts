/**
 * The pages a person uses, in a real browser (Debian's Chromium through playwright-core) against
 * the gateway and the provider simulators of `npm run dev:providers`, set up by `npm run seed` as
 * the README says: the API
 * reference, the demo shop through 3-D Secure, and the dashboard. Screenshots go to
 * `test/e2e/output/`. Run with `npm run test:e2e`.
 */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { type Browser, chromium, type Page } from 'playwright-core'
import { OUTPUT_DIR, startTestGateway } from './gateway.ts'
import { startReceiver } from './receiver.ts'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const THREE_DS_CARD = '4000000000003220'

let gateway: Awaited<ReturnType<typeof startTestGateway>>
let receiver: Awaited<ReturnType<typeof startReceiver>>
let browser: Browser
let seeded: Record<string, string>

/** `npm run seed` against the gateway: its `export NAME='value'` lines. */
async function seed(origin: string, simulators: string) {
  // Not spawnSync: the simulators it calls answer from this process.
  const { stdout } = await promisify(execFile)('node', ['scripts/seed.ts'], {
    env: { ...process.env, GW: origin, SIM: simulators },
    encoding: 'utf8',
  })
  return Object.fromEntries(
    [...stdout.matchAll(/^export (\w+)='([^']*)'$/gm)].map((m) => [m[1]!, m[2]!])
  )
}

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${gateway.origin}${path}`, {
    method,
    headers: { Authorization: `Bearer ${seeded.TOKEN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const answer = (await res.json()) as T
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${JSON.stringify(answer)}`)
  return answer
}

const pageProblems = new WeakMap<Page, string[]>()

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const problems: string[] = []
  pageProblems.set(page, problems)
  page.on('pageerror', (error) => problems.push(error.message))
  page.on('console', (message) => {
    // An API answer of 4xx is the browser's "Failed to load resource"; the page handles those.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(message.text())
  })
  return page
}

/** Closes the page, failing the test if its scripts threw or logged an error. */
async function closePage(page: Page) {
  await page.close()
  assert.deepEqual(pageProblems.get(page), [], 'the page logged errors')
}

const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(OUTPUT_DIR, `${name}.png`), fullPage: true })

before(async () => {
  gateway = await startTestGateway()
  receiver = await startReceiver()
  seeded = await seed(gateway.origin, gateway.simulators)
  const endpoint = await api<{ secret: string }>('POST', '/v1/config/webhooks', {
    url: receiver.url,
    mode: 'test',
    description: 'e2e receiver',
  })
  receiver.useSecret(endpoint.secret)
  browser = await chromium.launch({ executablePath: CHROMIUM })
})

after(async () => {
  await browser?.close()
  await receiver?.close()
  gateway?.stop()
})

describe('the API reference at /docs', () => {
  it('expands createPayment with its parameters and an example body', async () => {
    const page = await newPage()
    await page.goto(`${gateway.origin}/docs`)
    const operation = page.locator('#operations-Payments-createPayment')
    await operation.locator('.opblock-summary').click()
    const body = operation.locator('.opblock-body')
    await body.waitFor()
    await body.getByText('Idempotency-Key').first().waitFor()
    // The example request body, as Swagger UI shows it.
    await body.locator('pre:visible', { hasText: '"cardNumber"' }).first().waitFor()
    await operation.screenshot({ path: join(OUTPUT_DIR, 'docs-create-payment.png') })
    await closePage(page)
  })
})

describe('the demo shop at /demo', () => {
  it('pays through 3-D Secure and comes back with the signed redirect and a webhook', async () => {
    const page = await newPage()
    await page.goto(`${gateway.origin}/demo`)
    await page.fill('#key', seeded.API_KEY!)
    await page.selectOption('#card', THREE_DS_CARD)
    await page.click('#pay')
    await page.waitForURL(/\/sandbox\/3ds\//)
    await screenshot(page, 'demo-3ds-page')
    await page.getByRole('button', { name: /authenticate/i }).click()
    await page.waitForURL(/\/demo\?/)
    const back = new URL(page.url())
    assert.equal(back.searchParams.get('status'), 'successful')
    assert.match(back.searchParams.get('signature') ?? '', /^[0-9a-f]{64}$/)
    await page.locator('#headline', { hasText: 'successful' }).waitFor()
    const paymentId = back.searchParams.get('paymentId')!
    await receiver.waitFor(
      (r) => r.type === 'payment.succeeded' && r.paymentId === paymentId,
      `payment.succeeded for ${paymentId}`
    )
    await page.locator('#steps', { hasText: '"payment.succeeded"' }).waitFor()
    await screenshot(page, 'demo-back')
    await closePage(page)
  })

  it("offers the simulated providers to a signed-in user and pays on GoPay's page", async () => {
    const page = await newPage()
    await page.goto(`${gateway.origin}/demo`)
    await page.fill('#key', seeded.TOKEN!)
    await page.locator('#key').dispatchEvent('change')
    await page.selectOption('#provider', 'gopay')
    await page.locator('#pay', { hasText: 'CZK' }).click()
    await page.waitForURL((url) => url.href.startsWith(`${gateway.simulators}/gopay/`))
    await screenshot(page, 'demo-gopay-page')
    await page.getByRole('button', { name: /^pay/i }).click()
    await page.waitForURL(/\/demo\?/)
    assert.equal(new URL(page.url()).searchParams.get('status'), 'successful')
    await page.locator('#steps', { hasText: '"provider": "gopay"' }).waitFor()
    await closePage(page)
  })
})

describe('the dashboard at /dashboard', () => {
  it('signs in, charts real payments, shows one with its history, resends a delivery, reports', async () => {
    // Payments of this test's own, besides the demo's: successful, declined, partly refunded.
    const pay = (cardNumber: string) =>
      fetch(`${gateway.origin}/v1/payments/sandbox`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${seeded.API_KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          amount: 250,
          currency: 'TRY',
          customer: { name: 'Ayşe', surname: 'Yılmaz', email: 'ayse@example.com' },
          cardInfo: {
            cardHolderName: 'Ayse Yilmaz',
            cardNumber,
            expireMonth: '12',
            expireYear: '2030',
            cvv: '123',
          },
        }),
      }).then((res) => res.json() as Promise<{ paymentId: string; status: string }>)
    const paid = await pay('4242424242424242')
    assert.equal(paid.status, 'successful')
    assert.equal((await pay('4000000000000002')).status, 'failed')
    await api('POST', '/v1/payments/sandbox/refund', {
      paymentId: paid.paymentId,
      refundAmount: 20.25,
    })

    const page = await newPage()
    await page.goto(`${gateway.origin}/dashboard`)
    await page.fill('#signin-username', 'admin')
    await page.fill('#signin-password', 'securepassword123')
    await page.click('#signin-submit')
    await page.locator('#overview-chart canvas').first().waitFor()
    await page.locator('#overview-providers', { hasText: 'sandbox' }).waitFor()
    await screenshot(page, 'dashboard-overview')

    await page.click('#nav a[data-section="payments"]')
    await page
      .locator('#payments-table tr', { hasText: paid.paymentId })
      .locator('button.open, a')
      .first()
      .click()
    const detail = page.locator('#payment-detail')
    await detail.getByText('payment.partially_refunded').waitFor()
    await detail.getByText(/^re_/).first().waitFor()
    await screenshot(page, 'dashboard-payment')

    await page.click('#nav a[data-section="webhooks"]')
    const row = page.locator('#deliveries-table tr[data-delivery-id]').first()
    await row.waitFor()
    const deliveryId = (await row.getAttribute('data-delivery-id'))!
    const before = receiver.received.filter((r) => r.id === deliveryId).length
    await row.locator('button.resend').click()
    await page.locator('#resend-result', { hasText: deliveryId }).waitFor()
    await receiver.waitFor(
      () => receiver.received.filter((r) => r.id === deliveryId).length > before,
      `${deliveryId} again`
    )
    await screenshot(page, 'dashboard-webhooks')

    await page.click('#nav a[data-section="reports"]')
    await page.click('#reports-show')
    await page.locator('#reports-table', { hasText: 'sandbox' }).waitFor()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#reports-csv'),
    ])
    assert.match(await readFile(await download.path(), 'utf8'), /^section,period_start,/)
    await screenshot(page, 'dashboard-reports')
    await closePage(page)
  })

  it('shows why the risk rules held a payment, and approves it', async () => {
    // Strict rules for a moment: a US card paid from a Turkish IP address (20 points) is held.
    const { version } = await api<{ version: number }>('PUT', '/v1/config/risk', {
      rules: { thresholds: { challenge: 20, review: 20, block: 100 } },
    })
    try {
      const held = await api<{ paymentId: string; status: string }>(
        'POST',
        '/v1/payments/sandbox',
        {
          amount: 75,
          currency: 'TRY',
          customer: {
            name: 'Can',
            surname: 'Demir',
            email: 'can@example.com',
            ipAddress: '203.0.113.40',
            ipCountry: 'TR',
          },
          cardInfo: {
            cardHolderName: 'Can Demir',
            cardNumber: '4242424242424242',
            expireMonth: '12',
            expireYear: '2030',
            cvv: '123',
          },
        }
      )
      assert.equal(held.status, 'review')

      const page = await newPage()
      await page.goto(`${gateway.origin}/dashboard`)
      await page.fill('#signin-username', 'admin')
      await page.fill('#signin-password', 'securepassword123')
      await page.click('#signin-submit')
      await page.click('#nav a[data-section="payments"]')
      const row = page.locator('#payments-table tr', { hasText: held.paymentId })
      await row.locator('.risk.review', { hasText: '20' }).waitFor()
      await row.locator('button.open').click()
      const detail = page.locator('#payment-detail')
      await detail.getByText('country_mismatch').waitFor()
      await screenshot(page, 'dashboard-held-payment')
      await detail.locator('button.review.approve').click()
      await detail.getByText(/approved/).waitFor()
      await detail.locator('dd', { hasText: /^successful$/ }).waitFor()
      await closePage(page)
    } finally {
      await api('PUT', '/v1/config/risk', { version: version, rules: {} })
    }
  })
})

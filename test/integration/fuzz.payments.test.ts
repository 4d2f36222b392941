/**
 * State-machine fuzzing of sandbox payments: random sequences of creates (direct and 3-D Secure),
 * 3-D Secure outcomes, captures, cancels, full and partial refunds, status reads and signed sandbox
 * notifications (with honest and dishonest amounts). After every step, each status change in every
 * payment's history is one TRANSITIONS allows, and refunded ≤ captured ≤ amount holds in every
 * event's snapshot and in D1; no step is ever answered 5xx.
 */
import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { newId } from '../../src/domain/ids'
import { toMajorString } from '../../src/domain/money'
import { canTransition, type PaymentStatus } from '../../src/domain/payment-status'
import { CHARGE_STATUSES } from '../../src/providers/sandbox/mapping'
import { SANDBOX_EVENT_TYPES } from '../../src/providers/sandbox/webhooks'
import { sendRaw } from '../helpers/fuzz'
import { call, nextIp } from '../helpers/http'
import { card, createPayingTenant, paymentBody, SHOP } from '../helpers/payments'
import { notify } from '../helpers/sandbox'
import type { TestTenant } from '../helpers/tenant'

const SEQUENCES = 50
const MAX_STEPS = 12
const SEED = 4_242_026

/** Sandbox cards by what they do (see src/providers/sandbox/mapping.ts). */
const CARDS = {
  succeeds: '4242424242424242',
  requires3DS: '4000000000003220',
  declined: '4000000000000002',
  loseAnswer: '4000000000000101',
  dispute: '4000000000000259',
  refusesRefunds: '4000000000005126',
} as const

const NOTIFICATION_TYPES = SANDBOX_EVENT_TYPES

/** A share of the payment's amount in percent; above 100 asks for more than there is. */
const percent = fc.integer({ min: 1, max: 130 })
const target = fc.nat({ max: 7 })

const stepArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      card: fc.constantFrom(...(Object.keys(CARDS) as (keyof typeof CARDS)[])),
      capture: fc.boolean(),
      use3D: fc.boolean(),
      currency: fc.constantFrom('TRY', 'JPY', 'KWD'),
    }),
  },
  fc.record({
    kind: fc.constant('threeDS' as const),
    target,
    action: fc.constantFrom('authenticate' as const, 'fail' as const),
  }),
  fc.record({ kind: fc.constant('capture' as const), target, share: fc.option(percent) }),
  fc.record({ kind: fc.constant('cancel' as const), target }),
  fc.record({ kind: fc.constant('refund' as const), target, share: fc.option(percent) }),
  fc.record({ kind: fc.constant('status' as const), target }),
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('notify' as const),
      target,
      type: fc.constantFrom(...NOTIFICATION_TYPES),
      chargeStatus: fc.constantFrom(...CHARGE_STATUSES),
      // Above 100% a captured_amount is never booked (checked on its own below).
      capturedShare: fc.integer({ min: 0, max: 120 }),
      refundShare: percent,
      /** Whose refund a charge.refunded is: ours (by our id), unknown to us, or made at the PSP. */
      refundReference: fc.constantFrom('ours' as const, 'unknown' as const, 'external' as const),
      /** Send the same event twice: a provider retrying. */
      repeat: fc.boolean(),
    }),
  }
)

type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never

interface Tracked {
  paymentId: string
  transactionId: string | null
  amountMinor: number
  currency: string
  redirectUrl?: string
  refundIds: string[]
}

interface PresentedPayment {
  status: PaymentStatus
  paymentId: string
  transactionId: string | null
  amountMinor: number
  capturedAmountMinor: number
  refundedAmountMinor: number
  currency: string
  redirectUrl?: string
}

const AMOUNTS = { TRY: 100.5, JPY: 1500, KWD: 12.345 } as const

async function api<T>(tenant: TestTenant, method: string, path: string, body?: unknown) {
  const res = await sendRaw({
    method,
    target: path,
    headers: { Authorization: `Bearer ${tenant.token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, body: res.json as T, text: res.text }
}

const major = (payment: Tracked, share: number | null) =>
  share === null
    ? undefined
    : toMajorString(Math.max(1, Math.floor((payment.amountMinor * share) / 100)), payment.currency)

/** Runs one step; returns a short line for the failure report. */
async function runStep(tenant: TestTenant, payments: Tracked[], step: Step): Promise<string> {
  if (step.kind === 'create') {
    const res = await api<PresentedPayment>(
      tenant,
      'POST',
      '/v1/payments/sandbox',
      paymentBody({
        amount: AMOUNTS[step.currency],
        currency: step.currency,
        cardInfo: card(CARDS[step.card]),
        capture: step.capture,
        use3D: step.use3D,
        callbackUrl: `${SHOP}/callback`,
      })
    )
    expect(res.status, `create → ${res.text}`).toBeLessThan(500)
    if (res.body?.paymentId) {
      payments.push({
        paymentId: res.body.paymentId,
        transactionId: res.body.transactionId,
        amountMinor: res.body.amountMinor,
        currency: res.body.currency,
        redirectUrl: res.body.redirectUrl,
        refundIds: [],
      })
    }
    return `create ${JSON.stringify(step)} → ${res.status} ${res.body?.status}`
  }
  // 3-D Secure steps go to a payment that has a page to press buttons on.
  const candidates = step.kind === 'threeDS' ? payments.filter((p) => p.redirectUrl) : payments
  if (candidates.length === 0) return `${step.kind}: no payment to act on`
  const payment = candidates[step.target % candidates.length]!
  const base = `/v1/payments/sandbox/${payment.paymentId}`
  let answer: { status: number; text: string }
  switch (step.kind) {
    case 'threeDS': {
      // Like completeThreeDS, but a page that no longer redirects (payment moved on) is an answer too.
      const pressed = await call('POST', new URL(payment.redirectUrl!).pathname, {
        rawBody: `action=${step.action}`,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      })
      expect(pressed.status, `3-D Secure page → ${JSON.stringify(pressed.body)}`).toBeLessThan(500)
      const location = pressed.headers.get('Location')
      if (!location) {
        answer = { status: pressed.status, text: JSON.stringify(pressed.body).slice(0, 300) }
        break
      }
      const back = new URL(location)
      const callback = await call('GET', `${back.pathname}${back.search}`)
      answer = { status: callback.status, text: JSON.stringify(callback.body).slice(0, 300) }
      break
    }
    case 'capture':
      answer = await api(tenant, 'POST', `${base}/capture`, {
        ...(step.share === null ? {} : { amount: major(payment, step.share) }),
      })
      break
    case 'cancel':
      answer = await api(tenant, 'DELETE', base)
      break
    case 'refund': {
      const res = await api<{ refund?: { id: string } }>(
        tenant,
        'POST',
        '/v1/payments/sandbox/refund',
        {
          paymentId: payment.paymentId,
          ...(step.share === null ? {} : { refundAmount: major(payment, step.share) }),
        }
      )
      if (res.body?.refund?.id) payment.refundIds.push(res.body.refund.id)
      answer = res
      break
    }
    case 'status': {
      const res = await api<PresentedPayment>(tenant, 'GET', base)
      if (res.body?.transactionId) payment.transactionId = res.body.transactionId
      answer = res
      break
    }
    case 'notify': {
      const amount = payment.amountMinor
      const data: Record<string, unknown> = {
        object: {
          id: payment.transactionId,
          reference: payment.paymentId,
          status: step.chargeStatus,
          amount,
          captured_amount: Math.floor((amount * step.capturedShare) / 100),
          currency: payment.currency,
          decline_code: null,
          next_action: null,
        },
      }
      if (step.type === 'charge.refunded') {
        data.refund = {
          id: newId('sandboxRefund'),
          amount: Math.max(1, Math.floor((amount * step.refundShare) / 100)),
          reference:
            step.refundReference === 'ours' && payment.refundIds.length
              ? payment.refundIds.at(-1)
              : step.refundReference === 'unknown'
                ? newId('refund')
                : 'refunded-in-psp-dashboard',
        }
      }
      if (step.type === 'charge.dispute.created') data.dispute = { amount, reason: 'fraudulent' }
      const id = newId('sandboxEvent')
      let notified = await notify(tenant, step.type, data, { id, ip: nextIp() })
      if (step.repeat) {
        expect(notified.status, `notify → ${JSON.stringify(notified.body)}`).toBeLessThan(500)
        notified = await notify(tenant, step.type, data, { id, ip: nextIp() })
      }
      answer = { status: notified.status, text: JSON.stringify(notified.body) }
      break
    }
  }
  expect(answer.status, `${step.kind} → ${answer.text}`).toBeLessThan(500)
  return `${JSON.stringify(step)} on ${payment.paymentId} → ${answer.status}`
}

/** Statuses the sequences reached: the fuzz must get around the machine, not stay at the start. */
const reached = new Set<string>()
const answers = new Set<string>()

interface History {
  events: { type: string; payment: PresentedPayment }[]
}

/** Every recorded status change is allowed, and the money adds up, in the history and in D1. */
async function checkInvariants(tenant: TestTenant, payment: Tracked, trail: string[]) {
  const res = await api<History>(tenant, 'GET', `/v1/payments/sandbox/${payment.paymentId}/history`)
  const context = () => `${payment.paymentId} after:\n  ${trail.join('\n  ')}`
  expect(res.status, `history → ${res.text}`).toBe(200)
  const snapshots = res.body.events.map((e) => ({ type: e.type, ...e.payment }))
  for (const snapshot of snapshots) {
    expect(
      snapshot.refundedAmountMinor <= snapshot.capturedAmountMinor &&
        snapshot.capturedAmountMinor <= snapshot.amountMinor,
      `money in ${snapshot.type} (${snapshot.refundedAmountMinor} ≤ ${snapshot.capturedAmountMinor} ≤ ${snapshot.amountMinor}) of ${context()}`
    ).toBe(true)
  }
  const statuses = snapshots.map((s) => `${s.type}:${s.status}`)
  for (const s of snapshots) reached.add(s.status)
  for (const line of trail) answers.add(line.replace(/^.*→ /, '').replace(/ on .*/, ''))
  for (let i = 1; i < snapshots.length; i++) {
    const from = snapshots[i - 1]!.status
    const to = snapshots[i]!.status
    if (from === to) continue
    expect(
      canTransition(from, to),
      `illegal ${from} → ${to} in [${statuses.join(', ')}] of ${context()}`
    ).toBe(true)
  }
  const row = await env.DB.prepare(
    'SELECT status, amount_minor, captured_minor, refunded_minor FROM payments WHERE id = ?'
  )
    .bind(payment.paymentId)
    .first<{
      status: PaymentStatus
      amount_minor: number
      captured_minor: number
      refunded_minor: number
    }>()
  expect(row, context()).not.toBeNull()
  expect(
    row!.refunded_minor <= row!.captured_minor && row!.captured_minor <= row!.amount_minor,
    `money in D1 ${JSON.stringify(row)} of ${context()}`
  ).toBe(true)
  // The row's status is where the history leads: the last event's, or a legal step from it.
  const last = snapshots.at(-1)?.status
  if (last && last !== row!.status) {
    expect(
      canTransition(last, row!.status),
      `D1 status ${row!.status} after history [${statuses.join(', ')}] of ${context()}`
    ).toBe(true)
  }
}

describe('the payment state machine under random operations and notifications', () => {
  it(`makes only legal moves and keeps refunded ≤ captured ≤ amount (${SEQUENCES} sequences)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: MAX_STEPS }), async (steps) => {
        const tenant = await createPayingTenant()
        const payments: Tracked[] = []
        const trail: string[] = []
        for (const step of [
          {
            kind: 'create',
            card: 'succeeds',
            capture: true,
            use3D: false,
            currency: 'TRY',
          } as Step,
          ...steps,
        ]) {
          trail.push(await runStep(tenant, payments, step))
          for (const payment of payments) await checkInvariants(tenant, payment, trail)
        }
      }),
      { numRuns: SEQUENCES, seed: SEED }
    )
    console.log(`statuses reached: ${[...reached].sort().join(', ')}`)
    console.log(`answers: ${[...answers].sort().join(', ')}`)
    // Not a vacuous pass: the sequences got around the whole machine.
    expect([...reached].sort()).toEqual(
      expect.arrayContaining([
        'authorized',
        'cancelled',
        'chargeback',
        'failed',
        'partially_refunded',
        'pending',
        'processing',
        'refunded',
        'successful',
      ])
    )
  }, 600_000)
})

/**
 * Bugs the fuzz found, each with its minimal input. They fail until the gateway is fixed; the fuzz
 * above leaves exactly these input classes out so that it passes for everything else.
 */
describe('found by the state-machine fuzz', () => {
  it('never books a charge.succeeded capturing more than the amount', async () => {
    const tenant = await createPayingTenant()
    const authorized = await api<PresentedPayment>(
      tenant,
      'POST',
      '/v1/payments/sandbox',
      paymentBody({ capture: false })
    )
    expect(authorized.body.status).toBe('authorized')
    const { paymentId, transactionId, amountMinor } = authorized.body
    const notified = await notify(
      tenant,
      'charge.succeeded',
      {
        object: {
          id: transactionId,
          reference: paymentId,
          status: 'succeeded',
          amount: amountMinor,
          captured_amount: amountMinor + 1,
          currency: 'TRY',
          decline_code: null,
          next_action: null,
        },
      },
      { ip: nextIp() }
    )
    expect(notified.status).toBe(200)
    const after = await api<PresentedPayment>(tenant, 'GET', `/v1/payments/sandbox/${paymentId}`)
    expect(after.body.capturedAmountMinor).toBeLessThanOrEqual(after.body.amountMinor)
    // An authorized payment cannot move to review; it stays as it was, for a person to look at.
    expect(after.body.status).toBe('authorized')
    expect(after.body.capturedAmountMinor).toBe(0)
  })
})

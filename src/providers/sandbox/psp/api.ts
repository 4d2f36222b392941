/**
 * @module The sandbox PSP's merchant API (`/sandbox/api/v1/…`): signed JSON requests, a charge per
 * order reference, 3-D Secure through its own hosted page, capture, cancel until settlement and
 * refunds up to the captured amount. It answers the way a real PSP does, errors included.
 */
import { Hono } from 'hono'
import * as z from 'zod'
import { fullYear, isLuhnValid, isUnexpired, maskPan } from '../../../domain/cards'
import { newId } from '../../../domain/ids'
import { isCurrency } from '../../../domain/money'
import { parseJson } from '../../http'
import { behaviourOf, refusesRefunds } from '../mapping'
import { HEADER_MERCHANT, HEADER_SIGNATURE, HEADER_TIMESTAMP, verifyRequest } from '../signing'
import { type NotificationType, type PspEnv, pspOf, settlementOf } from './context'
import {
  addRefund,
  type Charge,
  findCharge,
  findChargeByReference,
  findChargeForShopper,
  findRefundByReference,
  insertCharge,
  transitionCharge,
} from './store'

const ChargeRequest = z.object({
  reference: z.string().min(1).max(64),
  amount: z.number().int().positive(),
  currency: z.string().refine(isCurrency, 'unknown currency'),
  card: z.object({
    number: z.string().regex(/^\d{12,19}$/),
    exp_month: z.number().int().min(1).max(12),
    exp_year: z.number().int().min(2000).max(2100),
    cvc: z.string().regex(/^\d{3,4}$/),
    holder_name: z.string().min(1).max(100),
  }),
  three_d_secure: z.boolean(),
  capture: z.boolean(),
  return_url: z.url().optional(),
})

type Variables = { merchantId: string; rawBody: string }

const pspError = (code: string, message: string) => ({ error: { code, message } })

export function chargeBody(charge: Charge, publicUrl: string) {
  return {
    id: charge.id,
    reference: charge.reference,
    status: charge.status,
    amount: charge.amountMinor,
    currency: charge.currency,
    captured_amount: charge.capturedMinor,
    refunded_amount: charge.refundedMinor,
    card: { masked: charge.cardMasked },
    decline_code: charge.declineCode,
    next_action:
      charge.status === 'requires_action'
        ? { type: 'redirect', redirect_url: `${publicUrl}/3ds/${charge.id}` }
        : null,
  }
}

const NOTIFICATION_OF = {
  requires_action: undefined,
  authorized: 'charge.authorized',
  succeeded: 'charge.succeeded',
  failed: 'charge.failed',
  canceled: 'charge.canceled',
} as const satisfies Record<Charge['status'], NotificationType | undefined>

/** The charge as it is now, after the merchant has been told about it. */
export async function reloadAndNotify(psp: ReturnType<typeof pspOf>, charge: Pick<Charge, 'id'>) {
  const current = (await findChargeForShopper(psp.db, charge.id))!
  await notifyCharge(psp, current)
  return current
}

/** Tells the merchant about a charge's new status (nothing to say while 3-D Secure is pending). */
export async function notifyCharge(psp: ReturnType<typeof pspOf>, charge: Charge) {
  const type = NOTIFICATION_OF[charge.status]
  if (type) await psp.notify(charge.merchantId, type, { object: chargeBody(charge, psp.publicUrl) })
}

export const sandboxApi = new Hono<PspEnv & { Variables: Variables }>()

sandboxApi.use('*', async (c, next) => {
  const psp = pspOf(c.env)
  const merchantId = c.req.header(HEADER_MERCHANT)
  const rawBody = await c.req.text()
  const secret = merchantId ? await psp.merchantSecret(merchantId) : undefined
  const valid =
    secret !== undefined &&
    (await verifyRequest(
      secret,
      { timestamp: c.req.header(HEADER_TIMESTAMP), signature: c.req.header(HEADER_SIGNATURE) },
      rawBody,
      psp.now()
    ))
  if (!valid || !merchantId)
    return c.json(pspError('invalid_signature', 'Request signature does not verify.'), 401)
  c.set('merchantId', merchantId)
  c.set('rawBody', rawBody)
  await next()
})

sandboxApi.post('/v1/charges', async (c) => {
  const psp = pspOf(c.env)
  const request = ChargeRequest.safeParse(parseJson(c.get('rawBody') || '{}'))
  if (!request.success)
    return c.json(pspError('invalid_request', 'The charge request is malformed.'), 400)
  const parsed = request.data
  const { card } = parsed
  const now = psp.now()
  const behaviour = behaviourOf(card.number)
  let status: Charge['status'] = parsed.capture ? 'succeeded' : 'authorized'
  let declineCode: string | null = null
  if (!isLuhnValid(card.number)) [status, declineCode] = ['failed', 'invalid_card']
  else if (!isUnexpired(card.exp_month, fullYear(card.exp_year), now))
    [status, declineCode] = ['failed', 'expired_card']
  else if (behaviour.kind === 'decline') [status, declineCode] = ['failed', behaviour.code]
  else if (behaviour.kind === 'require_3ds' || parsed.three_d_secure) status = 'requires_action'
  if (status === 'requires_action' && !parsed.return_url) {
    return c.json(pspError('return_url_required', '3-D Secure needs a return_url.'), 400)
  }
  const captured = status === 'succeeded'
  const id = newId('sandboxCharge', now)
  const charge = await insertCharge(psp.db, {
    id,
    merchantId: c.get('merchantId'),
    reference: parsed.reference,
    amountMinor: parsed.amount,
    currency: parsed.currency,
    cardMasked: maskPan(card.number),
    status,
    capture: parsed.capture,
    capturedMinor: captured ? parsed.amount : 0,
    refundedMinor: 0,
    declineCode,
    returnUrl: parsed.return_url ?? null,
    settlesAt: captured ? settlementOf(now) : null,
    createdAt: now,
    updatedAt: now,
  })
  if (charge.id !== id) return c.json(chargeBody(charge, psp.publicUrl), 200) // a repeated reference
  if (behaviour.kind === 'lose_answer' && charge.status === 'succeeded') {
    // Charged, but the merchant never hears of it: neither this answer nor a notification.
    return c.json(pspError('upstream_timeout', 'The card network did not answer in time.'), 503)
  }
  await notifyCharge(psp, charge)
  if (behaviour.kind === 'dispute' && charge.status === 'succeeded')
    await notifyDispute(psp, charge)
  return c.json(chargeBody(charge, psp.publicUrl), 200)
})

/** A charge by the merchant's order reference: how a lost create answer is found. */
sandboxApi.get('/v1/charges', async (c) => {
  const psp = pspOf(c.env)
  const reference = c.req.query('reference')
  if (!reference) return c.json(pspError('invalid_request', 'reference is required.'), 400)
  const charge = await findChargeByReference(psp.db, c.get('merchantId'), reference)
  if (!charge) return c.json(pspError('not_found', 'No such charge.'), 404)
  return c.json(chargeBody(charge, psp.publicUrl), 200)
})

sandboxApi.get('/v1/charges/:id', async (c) => {
  const psp = pspOf(c.env)
  const charge = await findCharge(psp.db, c.get('merchantId'), c.req.param('id'))
  if (!charge) return c.json(pspError('not_found', 'No such charge.'), 404)
  return c.json(chargeBody(charge, psp.publicUrl), 200)
})

sandboxApi.post('/v1/charges/:id/capture', async (c) => {
  const psp = pspOf(c.env)
  const charge = await findCharge(psp.db, c.get('merchantId'), c.req.param('id'))
  if (!charge) return c.json(pspError('not_found', 'No such charge.'), 404)
  const amount = z
    .object({ amount: z.number().int().positive() })
    .safeParse(parseJson(c.get('rawBody') || '{}'))
  if (!amount.success || amount.data.amount > charge.amountMinor) {
    return c.json(
      pspError(
        'invalid_amount',
        'Capture amount must be positive and at most the authorized amount.'
      ),
      400
    )
  }
  const now = psp.now()
  const changes = { capturedMinor: amount.data.amount, settlesAt: settlementOf(now) }
  if (!(await transitionCharge(psp.db, charge.id, 'authorized', 'succeeded', changes, now))) {
    return c.json(pspError('invalid_state', `A ${charge.status} charge cannot be captured.`), 409)
  }
  return c.json(chargeBody(await reloadAndNotify(psp, charge), psp.publicUrl), 200)
})

sandboxApi.post('/v1/charges/:id/cancel', async (c) => {
  const psp = pspOf(c.env)
  const charge = await findCharge(psp.db, c.get('merchantId'), c.req.param('id'))
  if (!charge) return c.json(pspError('not_found', 'No such charge.'), 404)
  const now = psp.now()
  if (
    charge.status === 'succeeded' &&
    (charge.refundedMinor > 0 || now >= (charge.settlesAt ?? 0))
  ) {
    return c.json(
      pspError('charge_settled', 'The charge has settled or been refunded; refund it instead.'),
      409
    )
  }
  const cancellable = ['requires_action', 'authorized', 'succeeded'] as const
  const from = cancellable.find((s) => s === charge.status)
  if (!from || !(await transitionCharge(psp.db, charge.id, from, 'canceled', {}, now))) {
    return c.json(pspError('invalid_state', `A ${charge.status} charge cannot be cancelled.`), 409)
  }
  return c.json(chargeBody(await reloadAndNotify(psp, charge), psp.publicUrl), 200)
})

sandboxApi.post('/v1/charges/:id/refunds', async (c) => {
  const psp = pspOf(c.env)
  const charge = await findCharge(psp.db, c.get('merchantId'), c.req.param('id'))
  if (!charge) return c.json(pspError('not_found', 'No such charge.'), 404)
  const body = z
    .object({ amount: z.number().int().positive(), reference: z.string().min(1).max(64) })
    .safeParse(parseJson(c.get('rawBody') || '{}'))
  if (!body.success)
    return c.json(pspError('invalid_request', 'amount and reference are required.'), 400)
  const existing = await findRefundByReference(psp.db, charge.merchantId, body.data.reference)
  if (existing)
    return c.json({ id: existing.id, amount: existing.amountMinor, status: 'succeeded' }, 200)
  if (charge.status !== 'succeeded') {
    return c.json(pspError('invalid_state', `A ${charge.status} charge cannot be refunded.`), 409)
  }
  if (refusesRefunds(charge.cardMasked)) {
    return c.json(pspError('refund_declined', "The card's issuer refused the refund."), 402)
  }
  const now = psp.now()
  const refund = {
    id: newId('sandboxRefund', now),
    reference: body.data.reference,
    amountMinor: body.data.amount,
  }
  if (!(await addRefund(psp.db, charge, refund, now))) {
    return c.json(
      pspError('amount_exceeds_refundable', 'The refund exceeds what is left to refund.'),
      400
    )
  }
  const refunded = (await findCharge(psp.db, charge.merchantId, charge.id))!
  await psp.notify(charge.merchantId, 'charge.refunded', {
    object: chargeBody(refunded, psp.publicUrl),
    refund: { id: refund.id, amount: refund.amountMinor, reference: refund.reference },
  })
  return c.json({ id: refund.id, amount: refund.amountMinor, status: 'succeeded' }, 200)
})

/** Opens a dispute on a captured charge, as a card holder's bank would: the merchant hears of it. */
sandboxApi.post('/v1/charges/:id/dispute', async (c) => {
  const psp = pspOf(c.env)
  const charge = await findCharge(psp.db, c.get('merchantId'), c.req.param('id'))
  if (!charge) return c.json(pspError('not_found', 'No such charge.'), 404)
  if (charge.status !== 'succeeded') {
    return c.json(pspError('invalid_state', `A ${charge.status} charge cannot be disputed.`), 409)
  }
  const dispute = await notifyDispute(psp, charge)
  return c.json({ ...chargeBody(charge, psp.publicUrl), dispute }, 200)
})

async function notifyDispute(psp: ReturnType<typeof pspOf>, charge: Charge) {
  const dispute = { amount: charge.capturedMinor - charge.refundedMinor, reason: 'fraudulent' }
  await psp.notify(charge.merchantId, 'charge.dispute.created', {
    object: chargeBody(charge, psp.publicUrl),
    dispute,
  })
  return dispute
}

sandboxApi.notFound((c) => c.json(pspError('not_found', 'No such endpoint.'), 404))

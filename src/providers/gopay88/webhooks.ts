/**
 * @module GoPay88's order notify (订单回调): `POST notify_url` with `{result_code, result_msg,
 * charge:{…, status}}` and the x-ca answer headers, signed by the platform key over the raw
 * charge text. GoPay88 retries (15/15/30/180/1800/1800/1800/1800/3600 s) until it reads
 * `{"result_code":"OK","result_msg":"SUCCESS"}`, re-signing each attempt (cmpay
 * `worker/AutoOrderNotify.php`), so copies are told apart by order and status, not by signature.
 */
import * as z from 'zod'
import { parseJson } from '../http'
import type { NotificationRequest, ProviderWebhooks, WebhookNotification } from '../types'
import { readCharge } from './charge-json'
import { OrderCharge, outcomeOfOrder, providerReference } from './charges'
import { answerHeaders, verifyPlatformSignature } from './signing'

const Envelope = z.object({ result_code: z.string(), result_msg: z.string() })

export const NOTIFY_ACKNOWLEDGEMENT = '{"result_code":"OK","result_msg":"SUCCESS"}'

function parse(request: NotificationRequest): WebhookNotification[] {
  const envelope = Envelope.safeParse(parseJson(request.rawBody))
  const raw = readCharge(request.rawBody)
  const charge = raw && OrderCharge.safeParse(raw.value)
  if (!envelope.success || !charge?.success) return []
  const order = charge.data
  const about = {
    eventId: `${order.out_trade_no}:${order.status ?? 'unstated'}`,
    paymentId: order.out_trade_no,
    providerPaymentId: providerReference(order.channel, order.out_trade_no),
  }
  if (envelope.data.result_code !== 'OK' || envelope.data.result_msg !== 'SUCCESS') {
    // The envelope is outside the signed charge: a copy with it changed must not take the event
    // id of the genuine notification, which would then be dropped as its duplicate.
    const { result_code: code, result_msg: message } = envelope.data
    return [
      {
        ...about,
        eventId: `${about.eventId}:${code}:${message}`,
        change: { kind: 'ignored', reason: 'notify without a SUCCESS result' },
      },
    ]
  }
  // cmpay leaves status out of the notify (it only notifies paid orders); GoPay88 sends it.
  // Without it the gateway asks orderquery rather than assume.
  if (order.status === undefined) return [{ ...about, change: { kind: 'query_status' } }]
  return [
    {
      ...about,
      change: { kind: 'payment', outcome: outcomeOfOrder({ ...order, status: order.status }) },
    },
  ]
}

export const gopay88Webhooks: ProviderWebhooks = {
  methods: ['POST'],
  parse,
  async verify(ctx, request) {
    const platformPublicKey = ctx.config.platformPublicKey
    const charge = readCharge(request.rawBody)
    if (!platformPublicKey || !charge) return false
    try {
      return await verifyPlatformSignature(
        platformPublicKey,
        answerHeaders(request.headers),
        charge.text
      )
    } catch {
      // A platform key that does not import verifies nothing.
      return false
    }
  },
  acknowledgement: { status: 200, body: NOTIFY_ACKNOWLEDGEMENT, contentType: 'application/json' },
}

/**
 * @module How an attacker (or a test) writes each provider's notifications: where its signature
 * travels, how it is computed (with the adapters' own test-side signers), which key signs it, and
 * which older or stranger things a correctly signed copy could say about a paid payment. The
 * attacks in `attacks.provider-notifications.test.ts` are built from these, the same for every
 * provider.
 */
import { toBase64 } from '../../src/crypto/encoding'
import { importRsaPrivateKey, rsaSign } from '../../src/crypto/rsa'
import { adyenHmac, notificationSigningString } from '../../src/providers/adyen/signing'
import { readCharge } from '../../src/providers/gopay88/charge-json'
import { TEST_PLATFORM_PRIVATE_KEY_PKCS1 } from '../../src/providers/gopay88/fixtures/test-platform-key'
import { answerStringToSign, signedBase64 } from '../../src/providers/gopay88/signing'
import { webhookSignature } from '../../src/providers/iyzico/signing'
import { Notification, signedFields } from '../../src/providers/iyzico/webhooks'
import { resultHash } from '../../src/providers/nkolay/signing'
import { notificationHash } from '../../src/providers/paytr/signing'
import { payuSignatureHeader } from '../../src/providers/payu/test-context'
import { SIGNATURE_TOLERANCE_SECONDS, signRequest } from '../../src/providers/sandbox/signing'
import { generateTestHeader, WEBHOOK_TOLERANCE_SECONDS } from '../../src/providers/stripe/signing'
import type { Keys, Shop } from './attack-shops'
import {
  type Edit,
  editForm,
  editJson,
  formField,
  HEX,
  header,
  headerOf,
  type Json,
  random,
  withHeader,
} from './forgery'
import type { OutgoingNotification } from './types'

/** A correctly signed notification that says something older, worse or unknown about a paid payment. */
export interface Regression {
  name: string
  change: Edit
  /** `ack`: acknowledged and changes nothing; 400: not a notification the provider sends. */
  answer: 'ack' | 400
}

export interface NotificationProtocol {
  provider: string
  /**
   * What makes the gateway believe a notification: its signature; the merchant's secret key in
   * the body (Papara, which signs nothing); or nothing at all, only the status the gateway then
   * asks the provider for (GoPay CZ, OzanPay).
   */
  trust: 'signature' | 'merchant_key' | 'status_query'
  /** Whether a believed "paid" notification settles the payment, or only makes the gateway ask. */
  settles: 'itself' | 'by_status_query'
  /** The body of the 200 the provider expects before it stops sending. */
  ack: string
  /** Without any signature: 401, or 400 where the adapter does not read it as a notification. */
  unsignedStatus: 400 | 401
  /** Seconds a signature's timestamp is honoured, for protocols that sign one. */
  toleranceSeconds?: number
  /** The key the merchant signs with; none where only the provider holds it (GoPay88's platform key). */
  ownKeys?(shop: Shop): Keys
  /** The key another tenant holds, which it could sign with. */
  keysOf?(other: Shop): Keys
  madeUpKeys?(): Keys
  sign?(n: OutgoingNotification, keys: Keys, atSeconds?: number): Promise<OutgoingNotification>
  signature?: {
    read(n: OutgoingNotification): string
    write(n: OutgoingNotification, value?: string): OutgoingNotification
  }
  /** Applied to the last notification a paid payment got, then signed with the merchant's key. */
  regressions: Regression[]
  /**
   * Makes a notification one that settles its payment by itself, for a tenant crafting one with
   * its own key that names its own payment by our id and another tenant's by the provider's id.
   * None where one id cannot name two payments (PayTR's merchant_oid is both), where only the
   * provider signs (GoPay88), or where the gateway only asks the provider about the stored payment.
   */
  hijack?: Edit
}
/** Stripe sends its events pretty-printed; re-serialized the same way after an edit. */
const STRIPE_JSON_INDENT = 2
const stripe: NotificationProtocol = {
  provider: 'stripe',
  trust: 'signature',
  settles: 'itself',
  ack: '{"received":true}',
  unsignedStatus: 401,
  toleranceSeconds: WEBHOOK_TOLERANCE_SECONDS,
  ownKeys: (shop) => ({ webhookSecret: shop.keys.webhookSecret! }),
  keysOf: (other) => ({ webhookSecret: other.keys.webhookSecret! }),
  madeUpKeys: () => ({ webhookSecret: `whsec_${random(32)}` }),
  sign: async (n, keys, at = Math.floor(Date.now() / 1000)) =>
    withHeader(
      n,
      'Stripe-Signature',
      await generateTestHeader({ payload: n.body, secret: keys.webhookSecret!, timestamp: at })
    ),
  signature: {
    read: (n) => /v1=([0-9a-f]+)/.exec(headerOf(n, 'Stripe-Signature'))?.[1] ?? '',
    write: (n, value) =>
      withHeader(
        n,
        'Stripe-Signature',
        value === undefined
          ? undefined
          : headerOf(n, 'Stripe-Signature').replace(/v1=[0-9a-f]+/, `v1=${value}`)
      ),
  },
  hijack: (n) => n,
  regressions: [
    ['payment_intent.requires_action', 'requires_action', 'ack'],
    ['payment_intent.payment_failed', 'requires_payment_method', 'ack'],
    ['payment_intent.succeeded', 'teleported', 400],
  ].map(([type, status, answer]) => ({
    name: `${type} with the intent ${status}`,
    answer: answer as Regression['answer'],
    change: (n) =>
      editJson(
        n,
        (event) => {
          event.id = `evt_1${random(24)}`
          event.type = type
          event.data.object.status = status
        },
        STRIPE_JSON_INDENT
      ),
  })),
}

const adyenItems = (o: Json) =>
  (o.notificationItems as { NotificationRequestItem: Json }[]).map((i) => i.NotificationRequestItem)
const adyen: NotificationProtocol = {
  provider: 'adyen',
  trust: 'signature',
  settles: 'itself',
  ack: '[accepted]',
  unsignedStatus: 401,
  ownKeys: (shop) => ({ hmacKey: shop.keys.hmacKey! }),
  keysOf: (other) => ({ hmacKey: other.keys.hmacKey! }),
  madeUpKeys: () => ({ hmacKey: random(64, HEX).toUpperCase() }),
  async sign(n, keys) {
    const o = JSON.parse(n.body) as Json
    for (const item of adyenItems(o)) {
      item.additionalData = {
        ...item.additionalData,
        hmacSignature: await adyenHmac(keys.hmacKey!, notificationSigningString(item)),
      }
    }
    return { ...n, body: JSON.stringify(o) }
  },
  signature: {
    read: (n) => adyenItems(JSON.parse(n.body))[0]?.additionalData?.hmacSignature ?? '',
    write: (n, value) =>
      editJson(n, (o) => {
        for (const item of adyenItems(o)) {
          if (value === undefined) delete item.additionalData?.hmacSignature
          else item.additionalData = { ...item.additionalData, hmacSignature: value }
        }
      }),
  },
  hijack: (n) => n,
  regressions: [
    {
      name: 'AUTHORISATION with success "false" after the success',
      answer: 'ack',
      change: (n) =>
        editJson(n, (o) => {
          for (const item of adyenItems(o))
            Object.assign(item, { success: 'false', reason: 'Refused' })
        }),
    },
    {
      name: 'an event code Adyen does not document',
      answer: 'ack',
      change: (n) =>
        editJson(n, (o) => {
          for (const item of adyenItems(o)) item.eventCode = 'TELEPORTED'
        }),
    },
  ],
}

const iyzico: NotificationProtocol = {
  provider: 'iyzico',
  trust: 'signature',
  settles: 'by_status_query',
  ack: '',
  unsignedStatus: 401,
  ownKeys: (shop) => ({ secretKey: shop.keys.secretKey! }),
  keysOf: (other) => ({ secretKey: other.keys.secretKey! }),
  madeUpKeys: () => ({ secretKey: `sandbox-${random(32)}` }),
  sign: async (n, keys) =>
    withHeader(
      n,
      'X-IYZ-SIGNATURE-V3',
      await webhookSignature(keys.secretKey!, signedFields(Notification.parse(JSON.parse(n.body))))
    ),
  signature: header('X-IYZ-SIGNATURE-V3'),
  regressions: ['FAILURE', 'TELEPORTED'].map((status) => ({
    name: `status ${status} after SUCCESS`,
    answer: 'ack' as const,
    change: (n) =>
      editJson(n, (o) => {
        o.status = status
        o.iyziReferenceCode = crypto.randomUUID()
      }),
  })),
}

const paytr: NotificationProtocol = {
  provider: 'paytr',
  trust: 'signature',
  settles: 'itself',
  ack: 'OK',
  // `hash` is part of what makes a PayTR notification: without it the post is not one.
  unsignedStatus: 400,
  ownKeys: (shop) => ({
    merchantKey: shop.keys.merchantKey!,
    merchantSalt: shop.keys.merchantSalt!,
  }),
  keysOf: (other) => ({
    merchantKey: other.keys.merchantKey!,
    merchantSalt: other.keys.merchantSalt!,
  }),
  madeUpKeys: () => ({ merchantKey: random(16), merchantSalt: random(16) }),
  async sign(n, keys) {
    const form = new URLSearchParams(n.body)
    const fields = Object.fromEntries(
      ['merchant_oid', 'status', 'total_amount'].map((k) => [k, form.get(k) ?? ''])
    )
    form.set(
      'hash',
      await notificationHash(
        { merchantKey: keys.merchantKey!, merchantSalt: keys.merchantSalt! },
        fields as never
      )
    )
    return { ...n, body: form.toString() }
  },
  signature: formField('hash'),
  regressions: [
    {
      name: 'status failed after success',
      answer: 'ack',
      change: (n) =>
        editForm(n, (f) => {
          f.set('status', 'failed')
          f.set('total_amount', '0')
          f.set('failed_reason_code', '6')
          f.set('failed_reason_msg', 'Müşteri ödeme yapmaktan vazgeçti')
        }),
    },
    {
      name: 'a status PayTR does not send',
      answer: 400,
      change: (n) => editForm(n, (f) => f.set('status', 'teleported')),
    },
  ],
}

const payuHeaders = ['OpenPayu-Signature', 'X-OpenPayU-Signature']
const payu: NotificationProtocol = {
  provider: 'payu',
  trust: 'signature',
  settles: 'by_status_query',
  ack: '',
  unsignedStatus: 401,
  ownKeys: (shop) => ({ secondKey: shop.keys.secondKey! }),
  keysOf: (other) => ({ secondKey: other.keys.secondKey! }),
  madeUpKeys: () => ({ secondKey: random(32, HEX) }),
  async sign(n, keys) {
    const value = await payuSignatureHeader(n.body, keys.secondKey!)
    return payuHeaders.reduce((signed, name) => withHeader(signed, name, value), n)
  },
  signature: {
    read: (n) => /signature=([0-9a-f]+)/.exec(headerOf(n, payuHeaders[0]!))?.[1] ?? '',
    write: (n, value) =>
      payuHeaders.reduce(
        (signed, name) =>
          withHeader(
            signed,
            name,
            value === undefined
              ? undefined
              : headerOf(n, name).replace(/signature=[0-9a-f]+/, `signature=${value}`)
          ),
        n
      ),
  },
  hijack: (n) => editJson(n, (o) => (o.order.status = 'COMPLETED')),
  regressions: [
    ['PENDING', 'ack'],
    ['WAITING_FOR_CONFIRMATION', 'ack'],
    ['TELEPORTED', 400],
  ].map(([status, answer]) => ({
    name: `order ${status} after COMPLETED`,
    answer: answer as Regression['answer'],
    change: (n) => editJson(n, (o) => (o.order.status = status)),
  })),
}

const nkolay: NotificationProtocol = {
  provider: 'nkolay',
  trust: 'signature',
  settles: 'by_status_query',
  ack: 'OK',
  // `hashDataV2` is part of what makes a result post: without it the post is not one.
  unsignedStatus: 400,
  ownKeys: (shop) => ({ secretKey: shop.keys.secretKey! }),
  keysOf: (other) => ({ secretKey: other.keys.secretKey! }),
  madeUpKeys: () => ({ secretKey: random(21) }),
  async sign(n, keys) {
    const form = new URLSearchParams(n.body)
    form.set('hashDataV2', await resultHash(Object.fromEntries(form), keys.secretKey!))
    return { ...n, body: form.toString() }
  },
  signature: formField('hashDataV2'),
  regressions: [
    {
      name: 'a declined result after the approved one',
      answer: 'ack',
      change: (n) => editForm(n, (f) => f.set('RESPONSE_CODE', '3')),
    },
  ],
}

const papara: NotificationProtocol = {
  provider: 'papara',
  trust: 'merchant_key',
  settles: 'by_status_query',
  ack: '',
  unsignedStatus: 401,
  ownKeys: (shop) => ({ merchantSecretKey: shop.keys.merchantSecretKey! }),
  keysOf: (other) => ({ merchantSecretKey: other.keys.merchantSecretKey! }),
  madeUpKeys: () => ({ merchantSecretKey: toBase64(crypto.getRandomValues(new Uint8Array(64))) }),
  sign: async (n, keys) => editJson(n, (o) => (o.merchantSecretKey = keys.merchantSecretKey)),
  signature: {
    read: (n) => (JSON.parse(n.body) as Json).merchantSecretKey ?? '',
    write: (n, value) =>
      editJson(n, (o) => {
        if (value === undefined) delete o.merchantSecretKey
        else o.merchantSecretKey = value
      }),
  },
  regressions: [
    {
      name: 'status 0 (waiting) after completed',
      answer: 'ack',
      change: (n) => editJson(n, (o) => (o.status = 0)),
    },
  ],
}

/** GoPay88's x-ca headers over the charge text, signed with an RSA private key (PEM). */
async function xCaSigned(n: OutgoingNotification, privateKeyPem: string, atMs?: number) {
  const nonce = headerOf(n, 'X-Ca-Noncestr') || random(32, HEX).toUpperCase()
  const timestamp =
    atMs === undefined ? headerOf(n, 'X-Ca-Timestamp') || String(Date.now()) : String(atMs)
  const key = await importRsaPrivateKey(privateKeyPem, 'SHA-1')
  const signature = await rsaSign(
    key,
    signedBase64(answerStringToSign(nonce, timestamp, readCharge(n.body)!.text))
  )
  return [
    ['X-Ca-Noncestr', nonce],
    ['X-Ca-Timestamp', timestamp],
    ['X-Ca-Signature', toBase64(signature)],
  ].reduce((signed, [name, value]) => withHeader(signed, name!, value), n)
}

const gopay88: NotificationProtocol = {
  provider: 'gopay88',
  trust: 'signature',
  settles: 'itself',
  ack: '{"result_code":"OK","result_msg":"SUCCESS"}',
  unsignedStatus: 401,
  // The platform signs with its own key; a merchant holds only the platform's public key, and its
  // own private key, which signs requests.
  keysOf: (other) => ({ privateKey: other.keys.merchantPrivateKey! }),
  madeUpKeys: () => ({ privateKey: TEST_PLATFORM_PRIVATE_KEY_PKCS1 }),
  sign: (n, keys, at) => xCaSigned(n, keys.privateKey!, at === undefined ? undefined : at * 1000),
  signature: header('X-Ca-Signature'),
  // Only the platform can sign a charge, so no older copy can be made here.
  regressions: [],
}

const sandbox: NotificationProtocol = {
  provider: 'sandbox',
  trust: 'signature',
  settles: 'itself',
  ack: '{"received":true}',
  unsignedStatus: 401,
  toleranceSeconds: SIGNATURE_TOLERANCE_SECONDS,
  ownKeys: (shop) => ({ secret: shop.keys.secret! }),
  keysOf: (other) => ({ secret: other.keys.secret! }),
  madeUpKeys: () => ({ secret: random(43) }),
  async sign(n, keys, at = Math.floor(Date.now() / 1000)) {
    const timed = withHeader(n, 'X-Sandbox-Timestamp', String(at))
    return withHeader(timed, 'X-Sandbox-Signature', await signRequest(keys.secret!, at, n.body))
  },
  signature: header('X-Sandbox-Signature'),
  hijack: (n) => n,
  regressions: [
    ['charge.failed', 'failed', 'ack'],
    ['charge.succeeded', 'requires_action', 'ack'],
    ['charge.succeeded', 'teleported', 400],
  ].map(([type, status, answer]) => ({
    name: `${type} with the charge ${status}`,
    answer: answer as Regression['answer'],
    change: (n) =>
      editJson(n, (o) => {
        o.id = `${o.id}x`
        o.type = type
        o.data.object.status = status
      }),
  })),
}

const gopay: NotificationProtocol = {
  provider: 'gopay',
  trust: 'status_query',
  settles: 'by_status_query',
  ack: '',
  unsignedStatus: 401,
  regressions: [{ name: 'the same ping again', answer: 'ack', change: (n) => n }],
}

const ozanpay: NotificationProtocol = {
  provider: 'ozanpay',
  trust: 'status_query',
  settles: 'by_status_query',
  ack: 'OK',
  unsignedStatus: 401,
  regressions: [
    {
      name: 'status DECLINED after APPROVED',
      answer: 'ack',
      change: (n) => editForm(n, (f) => f.set('status', 'DECLINED')),
    },
  ],
}

export const PROTOCOLS: NotificationProtocol[] = [
  stripe,
  adyen,
  iyzico,
  paytr,
  payu,
  nkolay,
  papara,
  gopay88,
  sandbox,
  gopay,
  ozanpay,
]

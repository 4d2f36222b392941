/**
 * Forging and replaying what providers send the gateway, the same attacks for every provider:
 * each starts from a real payment made through the API and what the provider's simulator sent
 * about it, then changes the signature, the key, the body, the time or the tenant. Whatever is
 * not believed is refused with the provider's error answer and changes nothing: no status, no
 * event in the outbox, no delivery to the merchant. Whatever is believed is applied once, however
 * often and however concurrently it arrives, and never moves a paid payment back. Providers that
 * sign nothing (GoPay CZ, OzanPay) are believed only through the status the gateway asks for.
 * The shopper's return (`/v1/callback/{provider}?state=`) is attacked the same way at the end.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { fromBase64Url, fromUtf8 } from '../../src/crypto/encoding'
import { type Keyring, loadKeyring } from '../../src/crypto/keyring'
import { newId } from '../../src/domain/ids'
import type { ReturnToken } from '../../src/payments/return-tokens'
import { signLink } from '../../src/payments/signed-links'
import { PROFILES } from '../conformance'
import {
  comeBack,
  conformanceShop,
  type Delivered,
  deliver,
  type Shop,
  sandboxShop,
  storedPayment,
  toldMerchant,
} from '../conformance/attack-shops'
import type { Navigation } from '../conformance/browser'
import { flip, retarget } from '../conformance/forgery'
import { type NotificationProtocol, PROTOCOLS } from '../conformance/notification-forgers'
import { SIMULATORS_ORIGIN } from '../conformance/simulators'
import type { OutgoingNotification } from '../conformance/types'
import { SHOP } from '../helpers/payments'

const SHOPS: Record<string, () => Promise<Shop>> = {
  ...Object.fromEntries(PROFILES.map((p) => [p.provider, () => conformanceShop(p)])),
  sandbox: sandboxShop,
}

const CREATED = ['payment.created×1']
const PAID = ['payment.created×1', 'payment.succeeded×1']

type Answer = 'ack' | { status: number; code: string }
const REFUSED: Answer = { status: 401, code: 'unauthorized' }

function expectAnswer(p: NotificationProtocol, got: Delivered, answer: Answer) {
  if (answer === 'ack') {
    expect(got.status, got.text).toBe(200)
    expect(got.text).toBe(p.ack)
  } else {
    expect(got.status, got.text).toBe(answer.status)
    expect(got.code).toBe(answer.code)
  }
}

const isAck = (p: NotificationProtocol, got: Delivered) => got.status === 200 && got.text === p.ack
const inProgress = (got: Delivered) => got.status === 409 && got.code === 'notification_in_progress'

/** Notifications about a payment the gateway believed and stored under their dedupe key. */
const believed = async (paymentId: string) =>
  (await env.DB.prepare(
    'SELECT COUNT(*) AS n FROM provider_notifications WHERE payment_id = ? AND verified = 1'
  )
    .bind(paymentId)
    .first<{ n: number }>())!.n

/**
 * A tenant whose shopper paid on the provider's page without coming back (what the provider sent
 * about it not delivered yet), and a second payment of the same tenant nobody paid.
 */
async function scene(p: NotificationProtocol) {
  const shop = await SHOPS[p.provider]!()
  const paid = await shop.pending()
  const sent = await shop.payAtProvider(paid)
  expect(sent.length, 'the provider sends something when the shopper pays').toBeGreaterThan(0)
  const unpaid = await shop.pending()
  return { shop, paid, sent, genuine: sent.at(-1)!, unpaid }
}
type Scene = Awaited<ReturnType<typeof scene>>

/** Delivers what the provider sends until it sends nothing more; every copy acknowledged. */
async function settle(p: NotificationProtocol, shop: Shop, first: OutgoingNotification[]) {
  const all: OutgoingNotification[] = []
  for (let batch = first; batch.length > 0; batch = await shop.sentSince()) {
    for (const n of batch) expectAnswer(p, await deliver(n), 'ack')
    all.push(...batch)
  }
  return all
}

interface Forgery {
  name: string
  forge(s: Scene, other: Shop): Promise<OutgoingNotification>
  answer: Answer
}

/** The notification the provider sent about the paid payment, made to name the unpaid one. */
const aboutUnpaid = (s: Scene) => retarget(s.genuine, s.paid, s.unpaid)

function forgeriesOf(p: NotificationProtocol): Forgery[] {
  if (p.trust === 'status_query') {
    return [
      { name: 'naming an unpaid payment paid', forge: async (s) => aboutUnpaid(s), answer: 'ack' },
      {
        name: 'naming a payment nobody made',
        forge: async (s) =>
          retarget(s.genuine, s.paid, {
            paymentId: newId('payment'),
            transactionId: `${s.paid.transactionId!.slice(0, -4)}9999`,
          }),
        answer: { status: 404, code: 'not_found' },
      },
    ]
  }
  const { sign, signature } = p as Required<NotificationProtocol>
  const signedByMerchant = async (s: Scene) =>
    p.ownKeys ? sign(aboutUnpaid(s), p.ownKeys(s.shop)) : aboutUnpaid(s)
  const forgeries: Forgery[] = [
    {
      name: 'whose signature is over another body',
      forge: async (s) => aboutUnpaid(s),
      // Papara's key proves who sent it, not what it says: the status answer decides.
      answer: p.trust === 'merchant_key' ? 'ack' : REFUSED,
    },
    {
      name: 'with a corrupted signature',
      forge: async (s) => {
        const n = await signedByMerchant(s)
        return signature.write(n, flip(signature.read(n)))
      },
      answer: REFUSED,
    },
    {
      name: 'signed with a made-up key',
      forge: (s) => sign(aboutUnpaid(s), p.madeUpKeys!()),
      answer: REFUSED,
    },
    {
      name: "signed with another tenant's own key",
      forge: (s, other) => sign(aboutUnpaid(s), p.keysOf!(other)),
      answer: REFUSED,
    },
    {
      name: 'without its signature',
      forge: async (s) => signature.write(await signedByMerchant(s), undefined),
      answer: p.unsignedStatus === 400 ? { status: 400, code: 'invalid_request' } : REFUSED,
    },
  ]
  if (p.toleranceSeconds) {
    forgeries.push({
      name: `signed ${p.toleranceSeconds + 1} seconds ago`,
      forge: (s) =>
        sign(
          aboutUnpaid(s),
          p.ownKeys!(s.shop),
          Math.floor(Date.now() / 1000) - p.toleranceSeconds! - 1
        ),
      answer: REFUSED,
    })
  }
  return forgeries
}

describe.each(PROTOCOLS)('$provider notifications', (p) => {
  it.each(forgeriesOf(p))('change nothing for anyone when one arrives $name', async (f) => {
    const s = await scene(p)
    const other = await SHOPS[p.provider]!()
    const bystander = await other.pending()
    const before = await storedPayment(s.unpaid.paymentId)
    expectAnswer(p, await deliver(await f.forge(s, other)), f.answer)
    expect(await storedPayment(s.unpaid.paymentId)).toEqual(before)
    expect(await toldMerchant(s.shop, s.unpaid.paymentId)).toEqual(CREATED)
    expect(await believed(s.unpaid.paymentId)).toBe(0)
    // Neither tenant: the one whose key signed it has nothing changed either.
    expect(await storedPayment(bystander.paymentId)).toMatchObject({ status: 'pending' })
    expect(await toldMerchant(other, bystander.paymentId)).toEqual(CREATED)
  })

  const { ownKeys, hijack } = p
  if (ownKeys) {
    it("believe the same notification signed with the merchant's own key (the control)", async () => {
      const s = await scene(p)
      const signed = await p.sign!(aboutUnpaid(s), ownKeys(s.shop))
      expectAnswer(p, await deliver(signed), 'ack')
      // Believed; where it only makes the gateway ask, the provider says nobody paid.
      const settled = p.settles === 'itself'
      expect((await storedPayment(s.unpaid.paymentId)).status).toBe(
        settled ? 'successful' : 'pending'
      )
      expect(await toldMerchant(s.shop, s.unpaid.paymentId)).toEqual(settled ? PAID : CREATED)
    })
  }

  it('apply a genuine notification once when it arrives twice, and acknowledge the copy', async () => {
    const s = await scene(p)
    const all = await settle(p, s.shop, s.sent)
    const after = await storedPayment(s.paid.paymentId)
    expect(after.status).toBe('successful')
    expect(await toldMerchant(s.shop, s.paid.paymentId)).toEqual(PAID)
    for (const n of all) expectAnswer(p, await deliver(n), 'ack')
    expect(await storedPayment(s.paid.paymentId)).toEqual(after)
    expect(await toldMerchant(s.shop, s.paid.paymentId)).toEqual(PAID)
  })

  it('apply one of five copies arriving at once; the others are acknowledged or retried', async () => {
    const s = await scene(p)
    const all: OutgoingNotification[] = []
    for (let batch = s.sent; batch.length > 0; batch = await s.shop.sentSince()) {
      for (const n of batch) {
        const answers = await Promise.all(Array.from({ length: 5 }, () => deliver(n)))
        for (const a of answers) expect(isAck(p, a) || inProgress(a), a.text).toBe(true)
        expect(answers.some((a) => isAck(p, a))).toBe(true)
      }
      all.push(...batch)
    }
    // The provider sends the ones told to retry again: acknowledged, and nothing applied twice.
    for (const n of all) expectAnswer(p, await deliver(n), 'ack')
    expect((await storedPayment(s.paid.paymentId)).status).toBe('successful')
    expect(await toldMerchant(s.shop, s.paid.paymentId)).toEqual(PAID)
  })

  if (p.regressions.length > 0) {
    it.each(p.regressions)('never move a paid payment back: $name', async (r) => {
      const s = await scene(p)
      const all = await settle(p, s.shop, s.sent)
      const paid = await storedPayment(s.paid.paymentId)
      expect(paid.status).toBe('successful')
      const older = r.change(all.at(-1)!)
      const signed = p.sign && p.ownKeys ? await p.sign(older, p.ownKeys(s.shop)) : older
      expectAnswer(
        p,
        await deliver(signed),
        r.answer === 'ack' ? 'ack' : { status: 400, code: 'invalid_request' }
      )
      expect(await storedPayment(s.paid.paymentId)).toEqual(paid)
      expect(await toldMerchant(s.shop, s.paid.paymentId)).toEqual(PAID)
    })
  }

  if (hijack) {
    it("do not let another tenant's signed notification take over this tenant's payment reference", async () => {
      const { them, theirs, us, ours, crafted } = await takeover(p)
      expect((await deliver(crafted)).status).toBeLessThan(500)
      expect((await storedPayment(theirs.paymentId)).providerPaymentId).toBe(theirs.transactionId)
      expect(await storedPayment(ours.paymentId)).toMatchObject({
        status: 'pending',
        providerPaymentId: ours.transactionId,
      })
      expect(await toldMerchant(us, ours.paymentId)).toEqual(CREATED)
      expect(await toldMerchant(them, theirs.paymentId)).toEqual(CREATED)
      // Our payment goes on as our provider account says.
      await settle(p, us, await us.payAtProvider(ours))
      expect((await storedPayment(ours.paymentId)).status).toBe('successful')
      expect(await toldMerchant(us, ours.paymentId)).toEqual(PAID)
    })
  }
})

/**
 * Tenant B, with its own key, crafts a notification that names one of its own payments by our id
 * and one of tenant A's by the provider's id. A notification finds its payment among the rows it
 * names met in reference order, so B picks, of its payments and A's, a pair where its own comes
 * first: the case where B's key is the one the notification is verified with.
 */
async function takeover(p: NotificationProtocol) {
  const them = await SHOPS[p.provider]!()
  const paid = await them.pending()
  const template = (await them.payAtProvider(paid)).at(-1)!
  const us = await SHOPS[p.provider]!()
  let theirs = await them.pending()
  let ours = await us.pending()
  for (let i = 0; i < 10 && theirs.transactionId! >= ours.transactionId!; i++) {
    const [mine, yours] = [await them.pending(), await us.pending()]
    if (mine.transactionId! < theirs.transactionId!) theirs = mine
    if (yours.transactionId! > ours.transactionId!) ours = yours
  }
  expect(theirs.transactionId! < ours.transactionId!).toBe(true)
  const named = retarget(template, paid, {
    paymentId: theirs.paymentId,
    transactionId: ours.transactionId,
  })
  const crafted = await p.sign!(p.hijack!(named), p.ownKeys!(them))
  return { them, theirs, us, ours, crafted }
}

describe('provider-specific forgeries', () => {
  it("Adyen: an item is believed on its own signature, not on another item's with the same event", async () => {
    const adyen = PROTOCOLS.find((p) => p.provider === 'adyen')!
    const shop = await SHOPS.adyen!()
    const unpaid = await shop.pending()
    // A genuinely signed item of this merchant account, for a payment made elsewhere (another
    // channel of the account), and a forged one repeating its event code, reference and success.
    const item = (merchantReference: string) => ({
      additionalData: {},
      amount: { value: unpaid.amountMinor, currency: unpaid.currency },
      eventCode: 'AUTHORISATION',
      eventDate: new Date().toISOString(),
      merchantAccountCode: shop.keys.merchantAccount,
      merchantReference,
      pspReference: 'ZZZZ000000000001',
      reason: '',
      success: 'true',
    })
    const batch = (items: unknown[]): OutgoingNotification => ({
      method: 'POST',
      url: `${env.APP_URL}/v1/webhooks/adyen`,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        live: 'false',
        notificationItems: items.map((i) => ({ NotificationRequestItem: i })),
      }),
    })
    const signed = JSON.parse(
      (await adyen.sign!(batch([item('other-channel-order-1')]), adyen.ownKeys!(shop))).body
    ).notificationItems[0].NotificationRequestItem
    const answered = await deliver(batch([signed, item(unpaid.paymentId)]))
    expect(answered.status).toBe(401)
    expect(await storedPayment(unpaid.paymentId)).toMatchObject({ status: 'pending' })
    expect(await toldMerchant(shop, unpaid.paymentId)).toEqual(CREATED)
  })

  it('GoPay88: a copy whose unsigned envelope was changed does not stand in for the genuine one', async () => {
    const gopay88 = PROTOCOLS.find((p) => p.provider === 'gopay88')!
    const s = await scene(gopay88)
    // The envelope (result_code, result_msg) is outside the signed charge.
    const changed = {
      ...s.genuine,
      body: s.genuine.body.replace('"result_code":"OK"', '"result_code":"FAIL"'),
    }
    expect(changed.body).not.toBe(s.genuine.body)
    expect((await deliver(changed)).status).toBeLessThan(500)
    expect((await storedPayment(s.paid.paymentId)).status).toBe('pending')
    await settle(gopay88, s.shop, s.sent)
    expect((await storedPayment(s.paid.paymentId)).status).toBe('successful')
    expect(await toldMerchant(s.shop, s.paid.paymentId)).toEqual(PAID)
  })

  it('Paycell: sends no notifications, so whatever arrives at its webhook URL is refused', async () => {
    const shop = await SHOPS.paycell!()
    const payment = await shop.pending()
    for (const method of ['POST', 'GET'] as const) {
      const answered = await deliver({
        method,
        url: `${env.APP_URL}/v1/webhooks/paycell?paymentId=${payment.paymentId}`,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ paymentReferenceNumber: payment.transactionId, status: 'SUCCESS' }),
      })
      expect([answered.status, answered.code]).toEqual([405, 'method_not_allowed'])
    }
    expect((await storedPayment(payment.paymentId)).status).toBe('pending')
    expect(await toldMerchant(shop, payment.paymentId)).toEqual(CREATED)
  })

  it("Stripe: another tenant's signed event cannot make this tenant's events go unheard", async () => {
    const stripe = PROTOCOLS.find((p) => p.provider === 'stripe')!
    const { theirs, us, ours, crafted } = await takeover(stripe)
    await deliver(crafted)
    // Our succeeded event names our payment by both ids, the dispute by Stripe's only.
    await settle(stripe, us, await us.payAtProvider(ours))
    const disputed = await fetch(`${SIMULATORS_ORIGIN}/stripe/__sim/dispute`, {
      method: 'POST',
      body: JSON.stringify({ merchant: us.merchant, paymentIntent: ours.transactionId }),
    })
    expect(disputed.status).toBe(200)
    const dispute = await us.sentSince()
    expect(dispute).toHaveLength(1)
    expectAnswer(stripe, await deliver(dispute[0]!), 'ack')
    expect((await storedPayment(ours.paymentId)).status).toBe('chargeback')
    expect((await storedPayment(theirs.paymentId)).status).toBe('pending')
  })
})

/** The `state` of a return, re-signed by the gateway's own key with its claims changed. */
async function resignedState(state: string, change: (claims: ReturnToken) => ReturnToken) {
  const keyring = await (loadKeyring(env.CONFIG_ENCRYPTION_KEY) as Promise<Keyring>)
  const claims = JSON.parse(fromUtf8(fromBase64Url(state.split('.')[0]!))) as ReturnToken
  return signLink(keyring.stateTokens, 'return', change(claims))
}

const stateOf = (nav: Navigation) => new URL(nav.url).searchParams.get('state')!
const withState = (nav: Navigation, state: string, provider?: string): Navigation => {
  const url = new URL(nav.url)
  url.searchParams.set('state', state)
  if (provider) url.pathname = url.pathname.replace(/[^/]+$/, provider)
  return { ...nav, url: url.toString() }
}
const PAID_STATUSES = ['successful', 'authorized']

describe.each(Object.keys(SHOPS))('%s shopper returns', (provider) => {
  it('complete the payment once when the return arrives five times at once', async () => {
    const shop = await SHOPS[provider]!()
    const payment = await shop.pending()
    const back = await shop.walk(payment, 'pass')
    const answers = await Promise.all(Array.from({ length: 5 }, () => comeBack(back)))
    expect(answers.filter((a) => a.status === 303)).toHaveLength(1)
    expect(answers.filter((a) => a.status === 400)).toHaveLength(4)
    expect(new URL(answers.find((a) => a.status === 303)!.location!).origin).toBe(SHOP)
    expect((await comeBack(back)).status).toBe(400)
    expect((await storedPayment(payment.paymentId)).status).toBe('successful')
    expect(await toldMerchant(shop, payment.paymentId)).toEqual(PAID)
  })

  it("refuse a forged, an expired and another provider's state, and change nothing", async () => {
    const shop = await SHOPS[provider]!()
    const payment = await shop.pending()
    const back = await shop.walk(payment, 'pass')
    const state = stateOf(back)
    const elsewhere = provider === 'sandbox' ? 'stripe' : 'sandbox'
    const [claims, mac] = state.split('.') as [string, string]
    const refused = [
      // The MAC's first character changed (its last one may carry only unused bits).
      withState(back, `${claims}.${flip(mac)}`),
      // Claims of another payment under this one's MAC.
      withState(
        back,
        `${stateOf(await shop.walk(await shop.pending(), 'pass')).split('.')[0]}.${mac}`
      ),
      withState(back, await resignedState(state, (c) => ({ ...c, expiresAt: Date.now() - 1 }))),
      withState(back, state, elsewhere),
    ]
    for (const nav of refused) expect((await comeBack(nav)).status, nav.url).toBe(400)
    expect((await storedPayment(payment.paymentId)).status).toBe('pending')
    expect(await toldMerchant(shop, payment.paymentId)).toEqual(CREATED)
    // The state itself was good all along.
    expect((await comeBack(back)).status).toBe(303)
    expect((await storedPayment(payment.paymentId)).status).toBe('successful')
  })

  it("do not pay a payment with another payment's successful return", async () => {
    const shop = await SHOPS[provider]!()
    const paid = await shop.pending()
    const unpaid = await shop.pending()
    const success = await shop.walk(paid, 'pass')
    const failure = await shop.walk(unpaid, 'fail')
    const spliced = withState(success, stateOf(failure))
    // The state is genuine, so the shopper is sent back to the shop: told it was not paid.
    const answered = await comeBack(spliced)
    expect(answered.status).toBe(303)
    const told = new URL(answered.location!).searchParams
    expect([told.get('paymentId'), told.get('success')]).toEqual([unpaid.paymentId, 'false'])
    expect(PAID_STATUSES).not.toContain((await storedPayment(unpaid.paymentId)).status)
    expect(await toldMerchant(shop, unpaid.paymentId)).not.toContain('payment.succeeded×1')
    expect((await comeBack(success)).status).toBe(303)
    expect((await storedPayment(paid.paymentId)).status).toBe('successful')
  })
})

/**
 * @module What the simulated GoPay88 keeps: the platform keypair (made once), merchant accounts
 * (UID, API key, the public half of the merchant's RSA key) and orders with their status
 * (0 closed, 1 waiting, 2 paid, 3 failed). An order left waiting is closed after 600 s, as
 * cmpay's `worker/AutoOrderClose.php` does.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  randomInt,
} from 'node:crypto'

export interface Merchant {
  mchid: string
  apiKey: string
  publicKey: KeyObject
}

export type OrderStatus = 0 | 1 | 2 | 3

export interface Order {
  mchid: string
  outTradeNo: string
  tradeNo: string
  /** The key of the cashier page (`/cashier/<token>`). */
  token: string
  subject: string
  body: string
  /** The amount sent, with two decimals: "100.00". */
  amount: string
  currency: string
  channel: string
  extparam: Record<string, unknown>
  clientIp: string
  returnUrl: string
  notifyUrl: string
  status: OrderStatus
  createdAt: number
}

const rsaKeyPair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  })

/** cmpay AutoOrderClose: `time() - create_time >= 600` closes an unpaid order. */
export const ORDER_LIFETIME_MS = 600_000

export class Gopay88Store {
  private readonly now: () => number
  private platform: { privateKey: KeyObject; publicKeyPem: string } | undefined
  private readonly merchantsByKey = new Map<string, Merchant>()
  private readonly orders = new Map<string, Order>()
  private readonly ordersByToken = new Map<string, Order>()

  constructor(now: () => number) {
    this.now = now
  }

  /** The platform keypair, made on first use and kept for the simulator's life. */
  platformKeys() {
    if (!this.platform) {
      const keys = rsaKeyPair()
      this.platform = {
        privateKey: createPrivateKey(keys.privateKey),
        publicKeyPem: keys.publicKey,
      }
    }
    return this.platform
  }

  /** A merchant with fresh credentials; the PKCS#1 private key goes to the gateway only. */
  openMerchant(): { merchant: Merchant; privateKeyPem: string } {
    let mchid: string
    do mchid = String(randomInt(100_000, 1_000_000))
    while ([...this.merchantsByKey.values()].some((m) => m.mchid === mchid))
    const keys = rsaKeyPair()
    const merchant = {
      mchid,
      apiKey: randomBytes(16).toString('hex'),
      publicKey: createPublicKey(keys.publicKey),
    }
    this.merchantsByKey.set(merchant.apiKey, merchant)
    return { merchant, privateKeyPem: keys.privateKey }
  }

  merchantByKey = (apiKey: string) => this.merchantsByKey.get(apiKey)

  order = (mchid: string, outTradeNo: string) =>
    this.current(this.orders.get(`${mchid}|${outTradeNo}`))

  orderByToken = (token: string) => this.current(this.ordersByToken.get(token))

  private current(order: Order | undefined) {
    if (order?.status === 1 && this.now() - order.createdAt >= ORDER_LIFETIME_MS) order.status = 0
    return order
  }

  addOrder(order: Order) {
    this.orders.set(`${order.mchid}|${order.outTradeNo}`, order)
    this.ordersByToken.set(order.token, order)
  }
}

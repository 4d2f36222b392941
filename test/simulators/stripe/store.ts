/**
 * @module The Stripe simulator's state: accounts (API keys, webhook endpoints) and the objects of
 * each account (PaymentIntents, Charges, PaymentMethods, Customers, Refunds, Disputes), plus the
 * idempotency records Stripe keeps per account. Objects hold what the API shows plus the few
 * private facts the simulator needs (the card's test behaviour).
 */
import { randomBytes } from 'node:crypto'

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** Stripe-looking random ids: `pi_3Q…`, `sk_test_51…`. */
export function randomId(prefix: string, length = 24): string {
  const bytes = randomBytes(length)
  let out = ''
  for (const b of bytes) out += ALPHANUMERIC[b % ALPHANUMERIC.length]
  return `${prefix}${out}`
}

export type IntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'succeeded'
  | 'canceled'

export interface StripeErrorBody {
  type: 'card_error' | 'invalid_request_error' | 'api_error' | 'idempotency_error'
  code?: string
  decline_code?: string
  message: string
  param?: string
  doc_url?: string
}

export interface PaymentMethod {
  id: string
  number: string
  expMonth: number
  expYear: number
  billingDetails: { name: string | null; email: string | null }
  customer: string | null
  /** Authenticated once with 3-D Secure for future off-session use. */
  setUpOffSession: boolean
  created: number
}

export interface Charge {
  id: string
  paymentIntent: string
  paymentMethod: string
  amount: number
  amountCaptured: number
  amountRefunded: number
  captured: boolean
  status: 'succeeded' | 'failed'
  currency: string
  failure?: StripeErrorBody
  disputed: boolean
  created: number
}

export interface Intent {
  id: string
  clientSecret: string
  amount: number
  currency: string
  status: IntentStatus
  captureMethod: 'automatic' | 'automatic_async' | 'manual'
  amountCapturable: number
  amountReceived: number
  customer: string | null
  paymentMethod: string | null
  /** `allowed_payment_method_types` as given at creation, or null. */
  allowedPaymentMethodTypes: string[] | null
  description: string | null
  metadata: Record<string, string>
  setupFutureUsage: 'off_session' | 'on_session' | null
  returnUrl: string | null
  /** The 3-D Secure page the shopper is sent to while the intent requires an action. */
  actionUrl: string | null
  lastPaymentError: (StripeErrorBody & { charge?: string }) | null
  latestCharge: string | null
  cancellationReason: string | null
  canceledAt: number | null
  created: number
}

export interface Refund {
  id: string
  amount: number
  charge: string
  paymentIntent: string
  currency: string
  metadata: Record<string, string>
  reason: string | null
  status: 'succeeded'
  created: number
}

export interface Dispute {
  id: string
  amount: number
  charge: string
  paymentIntent: string
  currency: string
  created: number
}

export interface Customer {
  id: string
  email: string | null
  name: string | null
  description: string | null
  metadata: Record<string, string>
  created: number
}

export interface WebhookEndpoint {
  id: string
  url: string
  secret: string
  enabledEvents: string[]
  status: 'enabled' | 'disabled'
  apiVersion: string | null
  description: string | null
  created: number
}

export interface IdempotencyRecord {
  /** Method, path and parameters of the first request made with the key. */
  request: string
  status: number
  body: string
}

export interface Account {
  id: string
  secretKey: string
  publishableKey: string
  endpoints: WebhookEndpoint[]
  intents: Map<string, Intent>
  charges: Map<string, Charge>
  paymentMethods: Map<string, PaymentMethod>
  customers: Map<string, Customer>
  refunds: Map<string, Refund>
  disputes: Map<string, Dispute>
  idempotency: Map<string, IdempotencyRecord>
}

export class StripeStore {
  private readonly accounts = new Map<string, Account>()
  private readonly bySecretKey = new Map<string, Account>()
  private readonly byIntent = new Map<string, Account>()

  openAccount(): Account {
    const account: Account = {
      id: randomId('acct_1', 15),
      secretKey: randomId('sk_test_51', 90),
      publishableKey: randomId('pk_test_51', 90),
      endpoints: [],
      intents: new Map(),
      charges: new Map(),
      paymentMethods: new Map(),
      customers: new Map(),
      refunds: new Map(),
      disputes: new Map(),
      idempotency: new Map(),
    }
    this.accounts.set(account.id, account)
    this.bySecretKey.set(account.secretKey, account)
    return account
  }

  account(id: string) {
    return this.accounts.get(id)
  }

  accountOfKey(secretKey: string) {
    return this.bySecretKey.get(secretKey)
  }

  /** The account a PaymentIntent belongs to (the 3-D Secure page knows only the intent). */
  accountOfIntent(intentId: string) {
    return this.byIntent.get(intentId)
  }

  addIntent(account: Account, intent: Intent) {
    account.intents.set(intent.id, intent)
    this.byIntent.set(intent.id, account)
  }
}

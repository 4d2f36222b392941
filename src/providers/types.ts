/**
 * @module The contract between the gateway and a payment provider. An adapter speaks one provider's
 * protocol: it builds the request, signs exactly the bytes it sends, sends them through the
 * injected `fetch`, parses the answer and maps it to a typed outcome. A decline is a value, never
 * an exception; only bugs throw. Adding a provider is a folder under `src/providers/` and one line
 * in `registry.ts`.
 *
 * Beyond create, return, status, cancel, refund and capture, the contract carries what real
 * providers need: an OAuth token cache (GoPay CZ, PayU issue short-lived bearer tokens), recurring
 * charges without the shopper (GoPay CZ ON_DEMAND recurrence, Adyen stored methods, Stripe
 * off-session), operations a provider only acknowledges and settles later by notification
 * (Adyen's `received`), notifications that are batches (Adyen) or unsigned GETs that only say
 * "ask me" (GoPay CZ), and refunds retried without an idempotency reference at the provider.
 */
import type { Keyring } from '../crypto/keyring'
import type { DeclineCode } from '../domain/decline-codes'
import type { ProviderConfigSchema } from './config-schema'

export const ENVIRONMENTS = ['test', 'production'] as const
export type Environment = (typeof ENVIRONMENTS)[number]

/**
 * Short-lived provider access tokens of one tenant, provider and environment (OAuth client
 * credentials), kept sealed in KV until shortly before they expire. `scope` names the token kind
 * (`payment-create`, `payment-all`); see `oauth.ts` for the fetch-once-and-retry rule.
 */
export interface AccessTokenCache {
  get(scope: string): Promise<string | undefined>
  put(scope: string, token: string, expiresInSeconds: number): Promise<void>
  drop(scope: string): Promise<void>
}

/** What an adapter may use of the outside world. Tests pass a simulator's `fetch` and a fixed clock. */
export interface ProviderDeps {
  fetch: typeof fetch
  now: () => number
  tokens: AccessTokenCache
}

export interface ProviderContext {
  deps: ProviderDeps
  /** The tenant's decrypted credentials for this provider and environment. */
  config: Record<string, string>
  environment: Environment
  /** The provider's base URL for this environment (or the operator's override). */
  baseUrl: string
  /** Where providers that take a per-payment notification URL (GoPay CZ, GoPay88) must notify. */
  notificationUrl: string
}

export interface Capabilities {
  card: boolean
  threeDS: boolean
  hosted: boolean
  capture: boolean
  partialCapture: boolean
  cancel: boolean
  refund: boolean
  partialRefund: boolean
  /** Stores the payment method at creation (`recurring: true`) and charges it again without the shopper. */
  recurring: boolean
  webhooks: boolean
  environments: readonly Environment[]
}

export interface CardDetails {
  holderName: string
  number: string
  expiryMonth: number
  expiryYear: number
  cvv: string
}

export interface CustomerDetails {
  name: string
  surname: string
  email: string
  phoneNumber?: string
  ipAddress?: string
  address?: { city?: string; country?: string; address?: string; zipCode?: string }
}

/** A line of the order; `unitPriceMinor × quantity` is the line total. */
export interface LineItem {
  id?: string
  name: string
  category?: string
  unitPriceMinor: number
  quantity: number
}

export interface CreatePaymentInput {
  /** The gateway's payment id; providers get it as their order reference (idempotent retries). */
  paymentId: string
  amountMinor: number
  currency: string
  card?: CardDetails
  threeDS: boolean
  /** `false` to authorize only; capture later. */
  capture: boolean
  /** Store the payment method with the provider so `chargeRecurring` can charge it later. */
  recurring: boolean
  /** Where the provider sends the shopper back: the gateway's callback URL with its state token. */
  returnUrl?: string
  customer: CustomerDetails
  description?: string
  orderId?: string
  installmentCount?: number
  /** The merchant's order lines, when given; their totals add up to `amountMinor` or are absent. */
  items?: LineItem[]
  /**
   * For payments without card data: the provider's own name of the method the shopper pays with
   * (Adyen `gopay_wallet`, GoPay88 `gopay_bankupi`, GoPay CZ `PAYMENT_CARD`); the adapter's
   * default when absent. An adapter answers `not_supported` for a method it does not offer.
   */
  paymentMethod?: string
}

/** A stored payment as an adapter needs to see it for follow-up operations. */
export interface PaymentReference {
  paymentId: string
  providerPaymentId: string | null
  amountMinor: number
  currency: string
  /** What the gateway holds as captured and as refunded (booked), for providers that need it. */
  capturedMinor: number
  refundedMinor: number
  /**
   * Created with `capture: false`: an authorization the provider reports without saying whether it
   * captured (Adyen's `Authorised`) is an authorization, not a capture.
   */
  authorizeOnly: boolean
  /** When the gateway created the payment (ms); Papara's unpaid payments lapse an hour after. */
  createdAt?: number
  /** The shopper's phone as the merchant gave it (Paycell names the shopper by it on every call). */
  customerPhone?: string | null
}

/** A payment created with `recurring: true`, as its later charges and its stop need it. */
export interface RecurringParent extends PaymentReference {
  /** What the adapter returned as `recurringToken` (or learned from a notification). */
  recurringToken: string | null
  customerEmail: string | null
}

export interface RecurringChargeInput {
  /** The new (child) payment's id, the provider's order reference for this charge. */
  paymentId: string
  amountMinor: number
  currency: string
  orderId?: string
  description?: string
}

/** What the provider says about a payment. */
export type PaymentOutcome =
  | {
      kind: 'succeeded'
      status: 'successful' | 'authorized'
      providerPaymentId: string
      /** What the provider reports, for the gateway to cross-check with the stored payment. */
      amountMinor?: number
      currency?: string
      /** How much of it was captured, when the provider says; a partial capture is less than the amount. */
      capturedMinor?: number
      /**
       * For a payment created with `recurring: true`: what `chargeRecurring` and `stopRecurring`
       * need later (a stored method id, a customer and method pair). Opaque to the gateway, never
       * shown to merchants.
       */
      recurringToken?: string
    }
  | {
      kind: 'pending'
      /**
       * Where to send the shopper. Empty when `page` is given (the gateway serves that page at its
       * own URL), or when nobody needs to be sent anywhere (the provider is still charging).
       */
      redirectUrl: string
      /** A page the provider answered with instead of a URL, for the gateway to show the shopper once. */
      page?: ShopperPage
      providerPaymentId: string | null
    }
  | {
      kind: 'declined'
      declineCode: DeclineCode
      message: string
      providerCode?: string
      providerPaymentId?: string
    }
  /** The provider voided the charge (a cancel whose answer was lost, or one made at the provider). */
  | { kind: 'cancelled'; providerPaymentId?: string }
  /** The request may have reached the provider but the answer is unknown (timeout, 5xx). */
  | { kind: 'unknown'; reason: string }
  /** The provider cannot take this payment; `reason` says why (a currency, card data, a method). */
  | { kind: 'not_supported'; reason?: string }

/**
 * What some providers answer instead of a URL: HTML that posts to the bank (iyzico's
 * `threeDSHtmlContent`, decoded; PayTR's bank page), or a form to post (Paycell, Nkolay). The
 * gateway keeps it briefly and serves it once at its own `redirectUrl`. It must never carry card
 * data: a provider whose page would is used through its token or hosted flow instead.
 */
export type ShopperPage =
  | { kind: 'html'; html: string }
  | { kind: 'form'; action: string; method: 'GET' | 'POST'; fields: Record<string, string> }

export type OperationOutcome =
  | { kind: 'succeeded'; providerReference?: string }
  /**
   * The provider took the request and settles it later (Adyen's `received`): a notification, or
   * a status query where the provider has one, says how it ended.
   */
  | { kind: 'accepted'; providerReference?: string }
  | { kind: 'rejected'; reason: string; providerCode?: string }
  | { kind: 'unknown'; reason: string }
  /**
   * The provider cannot do this; `reason` says why when it depends on the payment (Papara refunds
   * whole payments only; Paycell refunds in part only after the payment's day).
   */
  | { kind: 'not_supported'; reason?: string }

/** What a verified provider notification says happened. */
export type WebhookChange =
  | { kind: 'payment'; outcome: PaymentOutcome }
  /** `reference` is the refund reference the gateway sent, when the refund was made through it. */
  | { kind: 'refund'; amountMinor: number; providerRefundId?: string; reference?: string }
  | { kind: 'chargeback'; amountMinor?: number }
  /**
   * A capture, cancel or refund the provider had accepted did not happen (Adyen `success: "false"`,
   * `CAPTURE_FAILED`, `REFUND_FAILED`): the payment keeps its state and a refund's amount is free again.
   */
  | {
      kind: 'operation_failed'
      operation: 'capture' | 'cancel' | 'refund'
      reason: string
      /** For a refund: the gateway's refund id or the provider's id of the refund. */
      reference?: string
      providerReference?: string
    }
  /** The provider stored the payment method for recurring charges (Adyen `RECURRING_CONTRACT`). */
  | { kind: 'recurring_token'; token: string }
  /**
   * An unsigned notification that only says "this payment changed" (GoPay CZ's `GET ?id=`): the
   * gateway asks the provider, and only the status answer decides. `signed`: the notification is
   * signed but does not carry enough to decide (iyzico's webhooks say SUCCESS with neither amount
   * nor sale/pre-authorization phase); it is verified first, and a bad signature is refused.
   */
  | { kind: 'query_status'; signed?: boolean }
  | { kind: 'ignored'; reason: string }

export interface WebhookNotification {
  /** The provider's id for this notification (or a digest of it), to drop duplicates. */
  eventId: string
  /** Which payment it is about, in the provider's own terms; the gateway resolves tenant and payment from it. */
  providerPaymentId?: string
  paymentId?: string
  change: WebhookChange
}

/** A provider's notification as it arrived: method, raw body (never re-serialized), headers, query. */
export interface NotificationRequest {
  method: 'GET' | 'POST'
  rawBody: string
  headers: Headers
  query: URLSearchParams
}

/** Incoming provider notifications (`/v1/webhooks/{provider}`). */
export interface ProviderWebhooks {
  /** How the provider calls: most POST a signed body; GoPay CZ sends `GET ?id=`. */
  methods: readonly ('GET' | 'POST')[]
  /**
   * Reads the notification without trusting it: enough to find each payment and its environment.
   * A batch (Adyen's `notificationItems`) gives several; nothing readable gives an empty list.
   */
  parse(request: NotificationRequest): WebhookNotification[]
  /**
   * Checks one notification's signature with the credentials of its payment's environment. Never
   * called for unsigned `query_status` changes, which carry nothing to trust.
   */
  verify(
    ctx: ProviderContext,
    request: NotificationRequest,
    notification: WebhookNotification
  ): Promise<boolean>
  /** The answer this provider expects for an accepted notification. */
  acknowledgement: { status: number; body: string; contentType: string }
}

export interface RefundInput {
  refundId: string
  amountMinor: number
  /**
   * True when the gateway sends a refund again whose first answer was lost. Providers that take
   * `refundId` as an idempotency reference need nothing more; others must check what they already
   * refunded before refunding again.
   */
  retry: boolean
}

export interface PaymentProvider {
  id: string
  displayName: string
  /**
   * The provider publishes no authoritative reference for what the adapter relies on (OzanPay):
   * `GET /v1/providers` says so, and the provider's page lists exactly what is unverified.
   */
  experimental?: boolean
  capabilities: Capabilities
  /** The credentials a tenant configures for this provider, per environment. */
  configSchema: ProviderConfigSchema
  /** Default base URL per environment; `baseUrlFor` wins where the URL depends on the credentials. */
  baseUrls: Record<Environment, string>
  /** Adyen's live host carries the company's prefix: the base URL from the tenant's credentials. */
  baseUrlFor?: (environment: Environment, config: Record<string, string>) => string | undefined
  /** For providers that need no tenant configuration (the sandbox): the credentials to use. */
  builtInCredentials?: (tenantId: string, keyring: Keyring) => Promise<Record<string, string>>
  /** For a provider that lives inside this Worker (the sandbox): how to reach it without the network. */
  inProcessFetch?: (env: Env) => typeof fetch

  createPayment(ctx: ProviderContext, input: CreatePaymentInput): Promise<PaymentOutcome>
  /** The shopper came back from 3-D Secure or a hosted page with these parameters. */
  completeReturn(
    ctx: ProviderContext,
    payment: PaymentReference,
    params: Record<string, string>
  ): Promise<PaymentOutcome>
  /**
   * The provider's view of the payment. `providerPaymentId` may be null (the create answer was
   * lost): providers that can look a payment up by the gateway's `paymentId` do so, others answer
   * `unknown`. Providers without a status API answer `not_supported`.
   */
  getStatus(ctx: ProviderContext, payment: PaymentReference): Promise<PaymentOutcome>
  cancel(ctx: ProviderContext, payment: PaymentReference): Promise<OperationOutcome>
  /**
   * `refundId` must reach the provider as its idempotency reference where it has one: the gateway
   * sends the same refund again under the same id when an answer was lost, and it must not refund
   * twice.
   */
  refund(
    ctx: ProviderContext,
    payment: PaymentReference,
    refund: RefundInput
  ): Promise<OperationOutcome>
  capture(
    ctx: ProviderContext,
    payment: PaymentReference,
    amountMinor: number
  ): Promise<OperationOutcome>
  /** Charges a stored payment method again, without the shopper (merchant-initiated). */
  chargeRecurring(
    ctx: ProviderContext,
    parent: RecurringParent,
    charge: RecurringChargeInput
  ): Promise<PaymentOutcome>
  /** Stops further recurring charges of a parent payment (void the recurrence, disable the method). */
  stopRecurring(ctx: ProviderContext, parent: RecurringParent): Promise<OperationOutcome>
  /** Present when `capabilities.webhooks` is true. */
  webhooks?: ProviderWebhooks
}

/**
 * @module The contract between the gateway and a payment provider. An adapter speaks one provider's
 * protocol: it builds the request, signs exactly the bytes it sends, sends them through the
 * injected `fetch`, parses the answer and maps it to a typed outcome. A decline is a value, never
 * an exception; only bugs throw. Adding a provider is a folder under `src/providers/` and one line
 * in `registry.ts`.
 */
import type { Keyring } from '../crypto/keyring'
import type { DeclineCode } from '../domain/decline-codes'
import type { ProviderConfigSchema } from './config-schema'

export const ENVIRONMENTS = ['test', 'production'] as const
export type Environment = (typeof ENVIRONMENTS)[number]

/** What an adapter may use of the outside world. Tests pass a simulator's `fetch` and a fixed clock. */
export interface ProviderDeps {
  fetch: typeof fetch
  now: () => number
}

export interface ProviderContext {
  deps: ProviderDeps
  /** The tenant's decrypted credentials for this provider and environment. */
  config: Record<string, string>
  environment: Environment
  /** The provider's base URL for this environment (or the operator's override). */
  baseUrl: string
}

export interface Capabilities {
  card: boolean
  threeDS: boolean
  hosted: boolean
  capture: boolean
  cancel: boolean
  refund: boolean
  partialRefund: boolean
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
  /** Where the provider sends the shopper back: the gateway's callback URL with its state token. */
  returnUrl?: string
  customer: CustomerDetails
  description?: string
  orderId?: string
  installmentCount?: number
}

/** A stored payment as an adapter needs to see it for follow-up operations. */
export interface PaymentReference {
  paymentId: string
  providerPaymentId: string | null
  amountMinor: number
  currency: string
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
    }
  | { kind: 'pending'; redirectUrl: string; providerPaymentId: string | null }
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
  | { kind: 'not_supported' }

export type OperationOutcome =
  | { kind: 'succeeded'; providerReference?: string }
  | { kind: 'rejected'; reason: string; providerCode?: string }
  | { kind: 'unknown'; reason: string }
  | { kind: 'not_supported' }

/** What a verified provider notification says happened. */
export type WebhookChange =
  | { kind: 'payment'; outcome: PaymentOutcome }
  /** `reference` is the refund reference the gateway sent, when the refund was made through it. */
  | { kind: 'refund'; amountMinor: number; providerRefundId?: string; reference?: string }
  | { kind: 'chargeback'; amountMinor?: number }
  | { kind: 'ignored'; reason: string }

export interface WebhookNotification {
  /** The provider's id for this notification (or a digest of it), to drop duplicates. */
  eventId: string
  /** Which payment it is about, in the provider's own terms; the gateway resolves tenant and payment from it. */
  providerPaymentId?: string
  paymentId?: string
  change: WebhookChange
}

/** Incoming provider notifications (`POST /v1/webhooks/{provider}`). */
export interface ProviderWebhooks {
  /** Reads the notification without trusting it: enough to find the payment and its environment. */
  parse(rawBody: string, headers: Headers): WebhookNotification | undefined
  /** Checks the notification's signature with the credentials of the payment's environment. */
  verify(ctx: ProviderContext, rawBody: string, headers: Headers): Promise<boolean>
  /** The answer this provider expects for an accepted notification. */
  acknowledgement: { status: number; body: string; contentType: string }
}

export interface PaymentProvider {
  id: string
  displayName: string
  capabilities: Capabilities
  /** The credentials a tenant configures for this provider, per environment. */
  configSchema: ProviderConfigSchema
  /** Default base URL per environment. */
  baseUrls: Record<Environment, string>
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
  getStatus(ctx: ProviderContext, payment: PaymentReference): Promise<PaymentOutcome>
  cancel(ctx: ProviderContext, payment: PaymentReference): Promise<OperationOutcome>
  /**
   * `refundId` must reach the provider as its idempotency reference: the gateway sends the same
   * refund again under the same id when an answer was lost, and it must not refund twice.
   */
  refund(
    ctx: ProviderContext,
    payment: PaymentReference,
    refund: { refundId: string; amountMinor: number }
  ): Promise<OperationOutcome>
  capture(
    ctx: ProviderContext,
    payment: PaymentReference,
    amountMinor: number
  ): Promise<OperationOutcome>
  /** Present when `capabilities.webhooks` is true. */
  webhooks?: ProviderWebhooks
}

/**
 * @module What every provider simulator is made of. A simulator is a plain
 * `(request) => Promise<Response>` handler speaking one provider's documented wire protocol; the
 * kit gives it a clock, armed faults, a notification outbox and counters, and serves the control
 * endpoints (`/<id>/__sim/…`) that tests and developers use to open merchant accounts, arm faults
 * and read what was sent. Simulators run in Node (vitest's outbound service, `npm run
 * dev:providers`), never inside the Worker, and import nothing from `src/`: they are independent
 * implementations of each provider's documents.
 */

/** The gateway-facing operations a fault can be armed on. */
export const OPERATIONS = [
  'token',
  'create',
  'complete',
  'status',
  'capture',
  'cancel',
  'refund',
  'recurring',
  'stop_recurring',
] as const
export type Operation = (typeof OPERATIONS)[number]

/**
 * `drop`: the simulator does the work, then the connection is cut before the answer (the gateway
 * sees a network error: the money may have moved). `http_500`: the provider's own 500 answer,
 * nothing done.
 */
export const FAULTS = ['drop', 'http_500'] as const
export type Fault = (typeof FAULTS)[number]

/** A notification the provider sends to the gateway, exactly as it goes on the wire. */
export interface OutgoingNotification {
  method: 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  body: string
}

export interface SimulatorKit {
  now(): number
  /** The armed fault for this merchant and operation, if any; each armed fault fires once. */
  fault(merchant: string, operation: Operation): Fault | undefined
  /** Sends the notification (dev) or keeps it for the test to deliver (tests), keyed by merchant. */
  notify(merchant: string, notification: OutgoingNotification): Promise<void>
  /** Counts something a test wants to check (token requests, calls). */
  count(merchant: string, counter: string): void
}

export interface MerchantAccount {
  /** The key tests pass to the control endpoints (faults, outbox, stats). */
  merchant: string
  /** The credentials to store in the gateway with `POST /v1/config/tenant`, by config key. */
  configs: Record<string, string>
}

export interface Simulator {
  id: string
  /**
   * Opens a merchant account with fresh credentials. `notificationUrl` is where the provider's
   * dashboard would be set to notify (Stripe and Adyen endpoints); providers that take a
   * notification URL per payment ignore it.
   */
  createMerchant(request: { notificationUrl: string }): Promise<MerchantAccount>
  /**
   * Answers one request. `base` is the simulator's public URL (`http://host/<id>`), for the pages
   * it links to; `path` is the request's path after it. Control paths the kit does not serve
   * (`/__sim/<name>`) come here too, for provider-specific triggers such as a chargeback.
   */
  handle(request: Request, context: { base: string; path: string }): Promise<Response>
}

export type SimulatorFactory = (kit: SimulatorKit) => Simulator

const DROP_HEADER = 'x-simulator-drop-connection'

/** The answer is lost on the way: the bridge cuts the connection instead of sending it. */
export const dropConnection = () => new Response(null, { headers: { [DROP_HEADER]: '1' } })

export const isDroppedConnection = (response: Response) => response.headers.has(DROP_HEADER)

/**
 * @module One handler for every simulator: `/<id>/…` goes to simulator `<id>`, `/<id>/__sim/…` to
 * the control endpoints. In tests (`hold`) notifications wait in an outbox until the test takes
 * them and hands them to the gateway itself; under `npm run dev:providers` (`send`) they are
 * POSTed (or GET) to the gateway for real, retried a few times like a provider would.
 */
import {
  FAULTS,
  type Fault,
  OPERATIONS,
  type Operation,
  type OutgoingNotification,
  type Simulator,
  type SimulatorFactory,
  type SimulatorKit,
} from './types.ts'

export type NotificationMode = 'hold' | 'send'

/** Seconds between delivery attempts in `send` mode (the first is immediate). */
const SEND_RETRY_SECONDS = [2, 10, 30, 60]

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })

class KitState implements SimulatorKit {
  private readonly faults = new Map<string, Fault[]>()
  readonly outbox = new Map<string, OutgoingNotification[]>()
  readonly counters = new Map<string, Record<string, number>>()

  private readonly mode: NotificationMode
  private readonly log: (line: string) => void

  constructor(mode: NotificationMode, log: (line: string) => void) {
    this.mode = mode
    this.log = log
  }

  now() {
    return Date.now()
  }

  arm(merchant: string, operation: Operation, fault: Fault, times: number) {
    const key = `${merchant}|${operation}`
    this.faults.set(key, [...(this.faults.get(key) ?? []), ...Array(times).fill(fault)])
  }

  fault(merchant: string, operation: Operation) {
    return this.faults.get(`${merchant}|${operation}`)?.shift()
  }

  count(merchant: string, counter: string) {
    const counts = this.counters.get(merchant) ?? {}
    counts[counter] = (counts[counter] ?? 0) + 1
    this.counters.set(merchant, counts)
  }

  async notify(merchant: string, notification: OutgoingNotification) {
    if (this.mode === 'hold') {
      this.outbox.set(merchant, [...(this.outbox.get(merchant) ?? []), notification])
      return
    }
    void this.send(notification, 0)
  }

  private async send(notification: OutgoingNotification, attempt: number): Promise<void> {
    let status = 0
    try {
      const response = await fetch(notification.url, {
        method: notification.method,
        headers: notification.headers,
        body: notification.method === 'GET' ? undefined : notification.body,
      })
      status = response.status
      await response.arrayBuffer()
    } catch {
      status = 0
    }
    this.log(`notification ${notification.method} ${notification.url} → ${status || 'no answer'}`)
    if (status >= 200 && status < 300) return
    const delay = SEND_RETRY_SECONDS[attempt]
    if (delay === undefined) return
    setTimeout(() => void this.send(notification, attempt + 1), delay * 1000)
  }
}

async function control(
  kit: KitState,
  simulator: Simulator,
  request: Request,
  name: string
): Promise<Response | undefined> {
  const url = new URL(request.url)
  const merchant = url.searchParams.get('merchant') ?? ''
  if (name === 'merchants' && request.method === 'POST') {
    const body = (await request.json().catch(() => ({}))) as { notificationUrl?: string }
    const account = await simulator.createMerchant({ notificationUrl: body.notificationUrl ?? '' })
    // Shaped as the body of the gateway's `POST /v1/config/tenant`, plus the merchant key.
    return json({
      provider: simulator.id,
      environment: 'test',
      configs: Object.entries(account.configs).map(([key, value]) => ({ key, value })),
      merchant: account.merchant,
    })
  }
  if (name === 'faults' && request.method === 'POST') {
    const body = (await request.json().catch(() => ({}))) as Record<string, unknown>
    const operation = OPERATIONS.find((o) => o === body.operation)
    const fault = FAULTS.find((f) => f === body.fault)
    if (typeof body.merchant !== 'string' || !operation || !fault)
      return json({ error: 'merchant, operation and fault are required' }, 400)
    kit.arm(body.merchant, operation, fault, Number(body.times ?? 1))
    return json({ armed: true })
  }
  if (name === 'outbox' && request.method === 'GET') {
    const notifications = kit.outbox.get(merchant) ?? []
    kit.outbox.delete(merchant)
    return json({ notifications })
  }
  if (name === 'stats' && request.method === 'GET') {
    return json({ counters: kit.counters.get(merchant) ?? {} })
  }
  return undefined
}

export function simulatorRouter(
  factories: readonly SimulatorFactory[],
  options: { mode: NotificationMode; log?: (line: string) => void }
): (request: Request) => Promise<Response> {
  const kit = new KitState(options.mode, options.log ?? (() => {}))
  const simulators = new Map(factories.map((make) => make(kit)).map((s) => [s.id, s]))
  return async (request) => {
    const url = new URL(request.url)
    const [, id = '', ...rest] = url.pathname.split('/')
    const simulator = simulators.get(id)
    if (!simulator) return json({ error: `no simulator at /${id}` }, 404)
    const path = `/${rest.join('/')}`
    const base = `${url.origin}/${id}`
    const controlName = path.match(/^\/__sim\/([a-z_]+)$/)?.[1]
    if (controlName) {
      const answer = await control(kit, simulator, request, controlName)
      if (answer) return answer
    }
    return simulator.handle(request, { base, path })
  }
}

/**
 * Driving the webhook queue by hand: batches made with `createMessageBatch`, handed to the
 * consumer, with the merchant's endpoint played by a recording fetch and the queue producer
 * wrapped so what the consumer sends on is seen (and still sent to the real queue).
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { expect } from 'vitest'
import { createApp } from '../../src/app'
import { consumeQueue, DEAD_LETTER_QUEUE } from '../../src/queues/consumer'
import type { QueueMessage } from '../../src/queues/messages'
import { call } from './http'
import { pay } from './payments'
import type { TestTenant } from './tenant'

export interface ReceivedWebhook {
  url: string
  headers: Record<string, string>
  body: string
}

/** A merchant endpoint that answers with `respond(n)` on its n-th request (1-based). */
export function merchantEndpoint(
  respond: (n: number, request: ReceivedWebhook) => number = () => 200
) {
  const received: ReceivedWebhook[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init)
    const webhook = {
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    }
    received.push(webhook)
    const status = respond(received.length, webhook)
    return new Response([204, 205, 304].includes(status) ? null : 'ok', { status })
  }
  return { fetch, received }
}

/** A queue producer that records every message sent, then really sends it. */
function recordingProducer(queue: Queue, sent: QueueMessage[]): Queue {
  return {
    send: (body: QueueMessage, options?: QueueSendOptions) => {
      sent.push(body)
      return queue.send(body, options)
    },
    sendBatch: (
      messages: Iterable<MessageSendRequest<QueueMessage>>,
      options?: QueueSendBatchOptions
    ) => {
      const list = [...messages]
      sent.push(...list.map((m) => m.body))
      return queue.sendBatch(list, options)
    },
  } as unknown as Queue
}

/** A producer whose queue is unavailable. */
const failingProducer = {
  send: () => Promise.reject(new Error('queue unavailable')),
  sendBatch: () => Promise.reject(new Error('queue unavailable')),
} as unknown as Queue

/** The env with its queue producers wrapped: what is sent to either queue is recorded. */
export function recordingEnv(options: { deadLetterQueueDown?: boolean } = {}) {
  const sent: QueueMessage[] = []
  const deadLettered: QueueMessage[] = []
  const recording = {
    ...env,
    WEBHOOKS: recordingProducer(env.WEBHOOKS, sent),
    WEBHOOKS_DLQ: options.deadLetterQueueDown
      ? failingProducer
      : recordingProducer(env.WEBHOOKS_DLQ, deadLettered),
  } as Env
  return { env: recording, sent, deadLettered }
}

let messageCounter = 0

export interface QueueRun {
  acked: string[]
  retried: string[]
  /** Messages the consumer sent on while handling the batch. */
  sent: QueueMessage[]
  /** Messages the consumer sent to the dead-letter queue. */
  deadLettered: QueueMessage[]
}

export async function runQueue(
  bodies: { body: unknown; attempts?: number; id?: string }[],
  options: {
    fetch?: typeof fetch
    queue?: string
    now?: () => number
    random?: () => number
    deadLetterQueueDown?: boolean
    /** Bindings to use instead of the real ones (a failing D1). */
    bindings?: Partial<Env>
  } = {}
): Promise<QueueRun> {
  const { env: withRecorders, sent, deadLettered } = recordingEnv(options)
  const recording = { ...withRecorders, ...options.bindings } as Env
  const app = createApp()
  const batch = createMessageBatch(
    options.queue ?? 'gopay-webhooks',
    bodies.map((m) => ({
      id: m.id ?? `m${++messageCounter}`,
      timestamp: new Date(),
      attempts: m.attempts ?? 1,
      body: m.body,
    }))
  )
  const ctx = createExecutionContext()
  await consumeQueue(batch, recording, {
    fetch: options.fetch ?? merchantEndpoint().fetch,
    gateway: async (request) => app.fetch(request, recording),
    now: options.now ?? (() => Date.now()),
    random: options.random ?? (() => 0.5),
  })
  const result = await getQueueResult(batch, ctx)
  return {
    acked: result.explicitAcks,
    retried: result.retryMessages.map((r) => r.msgId),
    sent,
    deadLettered,
  }
}

export const runDeadLetters = (bodies: { body: unknown }[]) =>
  runQueue(bodies, { queue: DEAD_LETTER_QUEUE })

export const deliverMessages = (sent: QueueMessage[]) =>
  sent.filter((m) => m.kind === 'deliver').map((body) => ({ body }))

/** A webhook endpoint for the tenant (test mode, `https://merchant.example/hooks` unless told). */
export async function endpointFor(tenant: TestTenant, body: Record<string, unknown> = {}) {
  const res = await call<{ secret: string; endpoint: { id: string } }>(
    'POST',
    '/v1/config/webhooks',
    {
      token: tenant.token,
      body: { url: 'https://merchant.example/hooks', mode: 'test', ...body },
    }
  )
  return { secret: res.body.secret, id: res.body.endpoint.id }
}

/** A successful payment's events, fanned out: the `deliver` messages the dispatch queued. */
export async function paidAndDispatched(tenant: TestTenant) {
  const paid = await pay(tenant)
  const dispatched = await runQueue([
    { body: { kind: 'dispatch', tenantId: tenant.tenantId, paymentId: paid.body.paymentId } },
  ])
  expect(dispatched.acked).toHaveLength(1)
  return { paymentId: paid.body.paymentId, deliveries: deliverMessages(dispatched.sent) }
}

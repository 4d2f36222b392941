/**
 * @module The request a piece of work belongs to, without passing it down every call: the
 * request-id middleware runs the rest of the request inside it, and the provider call log reads
 * it, so each logged provider call names the gateway request that made it. Work of the cron and
 * the queue runs outside any request: no id.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

const current = new AsyncLocalStorage<{ requestId: string }>()

export const inRequest = <T>(requestId: string, work: () => Promise<T>) =>
  current.run({ requestId }, work)

export const currentRequestId = (): string | null => current.getStore()?.requestId ?? null

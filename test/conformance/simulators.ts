/**
 * @module The simulators' control endpoints as tests use them (from inside workerd, through the
 * same outbound fetch the gateway uses): open a merchant account, arm faults, take the
 * notifications a provider would have sent, and read counters.
 */
import type { Fault, Operation, OutgoingNotification } from '../simulators/kit/types.ts'

export const SIMULATORS_ORIGIN = 'http://providers.sim'

export async function control<T>(
  path: string,
  init?: { method: string; body: unknown }
): Promise<T> {
  const res = await fetch(`${SIMULATORS_ORIGIN}${path}`, {
    method: init?.method ?? 'GET',
    headers: init ? { 'Content-Type': 'application/json' } : undefined,
    body: init ? JSON.stringify(init.body) : undefined,
  })
  if (!res.ok) throw new Error(`simulator ${path}: ${res.status} ${await res.text()}`)
  return res.json<T>()
}

export interface SimulatorMerchant {
  provider: string
  merchant: string
  configs: { key: string; value: string }[]
}

export const openMerchant = async (provider: string, notificationUrl: string) => ({
  provider,
  ...(await control<Omit<SimulatorMerchant, 'provider'>>(`/${provider}/__sim/merchants`, {
    method: 'POST',
    body: { notificationUrl },
  })),
})

export const armFault = (
  account: SimulatorMerchant,
  operation: Operation,
  fault: Fault,
  times = 1
) =>
  control(`/${account.provider}/__sim/faults`, {
    method: 'POST',
    body: { merchant: account.merchant, operation, fault, times },
  })

/** Takes (and clears) what the provider sent this merchant since the last call. */
export const takeNotifications = async (account: SimulatorMerchant) =>
  (
    await control<{ notifications: OutgoingNotification[] }>(
      `/${account.provider}/__sim/outbox?merchant=${encodeURIComponent(account.merchant)}`
    )
  ).notifications

export const countersOf = async (account: SimulatorMerchant) =>
  (
    await control<{ counters: Record<string, number> }>(
      `/${account.provider}/__sim/stats?merchant=${encodeURIComponent(account.merchant)}`
    )
  ).counters

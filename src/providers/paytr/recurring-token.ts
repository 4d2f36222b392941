/**
 * @module What the gateway keeps for a PayTR recurring parent: the stored card's `utoken` and
 * `ctoken` from the sync answer, and the shopper's IP and name, which every later charge must send
 * (PayTR signs `user_ip` into each payment) while no shopper is present to give them.
 */
import * as z from 'zod'
import { parseJson } from '../http'
import type { CreatePaymentInput } from '../types'

export const RecurringToken = z.object({
  utoken: z.string().min(1),
  ctoken: z.string().min(1).optional(),
  ip: z.string().min(1),
  name: z.string(),
})
export type RecurringToken = z.infer<typeof RecurringToken>

export function recurringTokenOf(
  answer: { utoken?: string; ctoken?: string },
  input: CreatePaymentInput
): string | undefined {
  if (!answer.utoken || !input.customer.ipAddress) return undefined
  const token: RecurringToken = {
    utoken: answer.utoken,
    ctoken: answer.ctoken || undefined,
    ip: input.customer.ipAddress,
    name: `${input.customer.name} ${input.customer.surname}`.trim().slice(0, 60),
  }
  return JSON.stringify(token)
}

export function readRecurringToken(text: string | null): RecurringToken | undefined {
  const parsed = RecurringToken.safeParse(parseJson(text ?? ''))
  return parsed.success ? parsed.data : undefined
}

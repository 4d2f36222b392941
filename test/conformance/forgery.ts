/**
 * @module The pieces a forged notification is made of, whatever the provider: its headers, its
 * JSON or form body edited field by field, a signature that is almost right, and the same
 * notification made to name another payment. The providers' own ways of signing are in
 * `notification-forgers.ts`.
 */
import type { PaymentBody } from '../helpers/payments'
import type { OutgoingNotification } from './types'

export type Edit = (n: OutgoingNotification) => OutgoingNotification

export const random = (length: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789') =>
  Array.from(
    crypto.getRandomValues(new Uint8Array(length)),
    (b) => alphabet[b % alphabet.length]
  ).join('')
export const HEX = '0123456789abcdef'

/** A different first character: a valid-looking signature that is not the right one. */
export const flip = (signature: string) =>
  `${signature.startsWith('0') ? '1' : '0'}${signature.slice(1)}`

export function withHeader(n: OutgoingNotification, name: string, value?: string) {
  const headers = Object.fromEntries(
    Object.entries(n.headers).filter(([key]) => key.toLowerCase() !== name.toLowerCase())
  )
  if (value !== undefined) headers[name] = value
  return { ...n, headers }
}
export const headerOf = (n: OutgoingNotification, name: string) =>
  Object.entries(n.headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] ?? ''

// biome-ignore lint/suspicious/noExplicitAny: the providers' own JSON, edited field by field
export type Json = Record<string, any>
export const editJson = (n: OutgoingNotification, edit: (o: Json) => void, space?: number) => {
  const o = JSON.parse(n.body) as Json
  edit(o)
  return { ...n, body: JSON.stringify(o, null, space) }
}
export const editForm = (n: OutgoingNotification, edit: (form: URLSearchParams) => void) => {
  const form = new URLSearchParams(n.body)
  edit(form)
  return { ...n, body: form.toString() }
}
export const formField = (name: string) => ({
  read: (n: OutgoingNotification) => new URLSearchParams(n.body).get(name) ?? '',
  write: (n: OutgoingNotification, value?: string) =>
    editForm(n, (f) => (value === undefined ? f.delete(name) : f.set(name, value))),
})
export const header = (name: string) => ({
  read: (n: OutgoingNotification) => headerOf(n, name),
  write: (n: OutgoingNotification, value?: string) => withHeader(n, name, value),
})

/**
 * The notification about `to` that the one about `from` would be: every id of the one payment
 * replaced by the other's (the provider's id first, as GoPay88's contains ours).
 */
export function retarget(
  n: OutgoingNotification,
  from: PaymentBody,
  to: Pick<PaymentBody, 'paymentId' | 'transactionId'>
) {
  const swap = (text: string) =>
    (from.transactionId
      ? text.replaceAll(from.transactionId, to.transactionId ?? '')
      : text
    ).replaceAll(from.paymentId, to.paymentId)
  return { ...n, url: swap(n.url), body: swap(n.body) }
}

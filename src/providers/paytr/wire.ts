/**
 * @module PayTR's answers as zod reads them. Every service answers JSON (`status` plus fields),
 * except the Direct API with 3-D Secure, which answers the bank's HTML page. Field names and
 * values: dev.paytr.com (iFrame 1. adım, Direkt API 1. adım "SYNC MODE YANITLARI", Durum Sorgu,
 * İade API) and the samples in paytr/paytr-whmcs @3b44c96.
 */
import * as z from 'zod'
import { SYNC_STATUSES } from './mapping'

const text = z.union([z.string(), z.number()]).transform(String)

/** `err_no` is documented as "004"; a number 4 is read the same. */
const errNo = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v).padStart(3, '0') : v))

export const TokenAnswer = z.discriminatedUnion('status', [
  z.object({ status: z.literal('success'), token: z.string().regex(/^[\w-]+$/) }),
  z.object({ status: z.literal('failed'), reason: z.string().default('') }),
])
export type TokenAnswer = z.infer<typeof TokenAnswer>

/** Recurring answers' `try_again` (true only for an order still in progress), however typed. */
const flag = z
  .union([z.boolean(), z.string(), z.number()])
  .transform((v) => v === true || v === 'true' || String(v) === '1')

/** Direct API with `sync_mode=1` (and recurring payments, which add `try_again`). */
export const SyncAnswer = z.object({
  status: z.enum(SYNC_STATUSES),
  msg: z.string().optional(),
  utoken: z.string().optional(),
  ctoken: z.string().optional(),
  try_again: flag.optional(),
})
export type SyncAnswer = z.infer<typeof SyncAnswer>

/**
 * A Direct API request PayTR refused before anything happened: `reason`, as get-token answers it
 * (debug_on=1), where a payment's own failure carries `msg`.
 */
export const DirectRefusal = z.object({
  status: z.enum(['failed', 'error']),
  reason: z.string(),
  msg: z.never().optional(),
})

export const ReturnEntry = z.object({
  return_amount: text,
  reference_no: text.nullish(),
  return_date: z.string().nullish(),
  date_completed: z.string().nullish(),
})
export type ReturnEntry = z.infer<typeof ReturnEntry>

/** `returns`: PHP's list of refunds, also read when encoded as an object of them or as `""`/null. */
const Returns = z
  .union([z.array(ReturnEntry), z.record(z.string(), ReturnEntry), z.literal(''), z.null()])
  .transform((v) => (Array.isArray(v) ? v : v ? Object.values(v) : []))

const PaytrError = z.object({
  status: z.enum(['error', 'failed']),
  err_no: errNo,
  err_msg: z.string().default(''),
})

/** `POST /odeme/durum-sorgu`: the order's amounts and refunds, or `err_no` 004 when not paid. */
export const StatusAnswer = z.union([
  z.object({
    status: z.literal('success'),
    payment_amount: text,
    payment_total: text.optional(),
    currency: z.string(),
    test_mode: text.optional(),
    returns: Returns.optional(),
  }),
  PaytrError,
])
export type StatusAnswer = z.infer<typeof StatusAnswer>

/**
 * `POST /odeme/iade`. "Sipariş numarası yok ise status değeri failed olarak dönecektir": a
 * `failed` answer may come without `err_no`.
 */
export const RefundAnswer = z.union([
  z.object({
    status: z.literal('success'),
    merchant_oid: text,
    return_amount: text,
    reference_no: text.nullish(),
    is_test: text.optional(),
  }),
  PaytrError.extend({ err_no: errNo.optional() }),
])
export type RefundAnswer = z.infer<typeof RefundAnswer>

/** A stored card of `POST /odeme/capi/list` (Kayıtlı Kart Listesi); no match answers `{}`. */
export const StoredCard = z.object({ ctoken: z.string(), require_cvv: text.optional() })

export const CardList = z.union([
  z.array(StoredCard),
  z.object({ status: z.literal('error'), err_msg: z.string().default('') }),
  z
    .object({})
    .strict()
    .transform(() => [] as z.infer<typeof StoredCard>[]),
])

/** `POST /odeme/capi/delete` (Kayıtlı Kart Silme). */
export const CardDeleted = z.object({
  status: z.enum(['success', 'error']),
  err_msg: z.string().optional(),
})

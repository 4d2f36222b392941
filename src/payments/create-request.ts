/**
 * @module The body of `POST /v1/payments/{provider}`: the GoPay README's fields, validated into a
 * unified request. The amount becomes integer minor units by the currency's ISO 4217 exponent; the
 * card must pass Luhn, be unexpired and carry a 3–4 digit CVV.
 */

import { fullYear, isLuhnValid, isUnexpired } from '../domain/cards'
import { describeAmountProblem, isCurrency, parseMajorAmount } from '../domain/money'
import * as z from '../http/openapi-zod'
import { ENVIRONMENTS, type LineItem } from '../providers/types'

/** A major-unit amount as a JSON number or string (`100.50`, `"100.50"`). */
export const MajorAmount = z.union([z.number(), z.string().max(32)]).openapi({
  description: 'Amount in major units (100.50 TRY); no more decimals than the currency has.',
  example: 100.5,
})

export const Currency = z
  .string()
  .refine(isCurrency, 'must be an ISO 4217 currency code such as TRY, EUR or USD')
  .openapi({ example: 'TRY' })

const Customer = z.object({
  name: z.string().min(1).max(100),
  surname: z.string().min(1).max(100),
  email: z.email().max(254),
  phoneNumber: z.string().max(32).optional(),
  ipAddress: z.union([z.ipv4(), z.ipv6()]).optional(),
  ipCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as TR')
    .optional()
    .openapi({
      description:
        "The country of `ipAddress` (ISO 3166-1 alpha-2), from your GeoIP lookup or Cloudflare's `CF-IPCountry`; the risk score compares it with the card's country.",
      example: 'TR',
    }),
  address: z
    .object({
      city: z.string().max(100).optional(),
      country: z.string().max(100).optional(),
      address: z.string().max(300).optional(),
      zipCode: z.string().max(20).optional(),
    })
    .optional(),
})

/** A number written as JSON number or as a string of up to `n` digits (`"07"`, `7`). */
const digits = (n: number) =>
  z
    .union([
      z.string().regex(new RegExp(`^\\d{1,${n}}$`), `must be up to ${n} digits`),
      z.number().int(),
    ])
    .transform(Number)

const CardInfo = z.object({
  cardHolderName: z.string().min(1).max(100),
  cardNumber: z
    .string()
    .transform((v) => v.replace(/[ -]/g, ''))
    .refine(isLuhnValid, 'is not a valid card number')
    .openapi({ example: '5528790000000008' }),
  expireMonth: digits(2).pipe(z.number().int().min(1).max(12)).openapi({ example: '12' }),
  expireYear: digits(4)
    .pipe(z.number().int().min(0).max(2100))
    .transform(fullYear)
    .openapi({ example: '2030' }),
  cvv: z
    .string()
    .regex(/^\d{3,4}$/, 'must be 3 or 4 digits')
    .openapi({ example: '123' }),
})

const Item = z.object({
  id: z.string().max(64).optional(),
  name: z.string().min(1).max(200),
  category: z.string().max(100).optional(),
  price: MajorAmount,
  quantity: z.number().int().positive().max(10_000).optional(),
  taxRate: z
    .number()
    .min(0)
    .max(100)
    .refine((rate) => Number.isInteger(Math.round(rate * 100 * 1e6) / 1e6), {
      message: 'must have at most 2 decimals',
    })
    .optional()
    .openapi({
      description:
        'Tax rate in percent (0–100, up to 2 decimals) included in `price`; the tax report splits it out.',
      example: 20,
    }),
})

export const CreatePaymentBody = z
  .object({
    amount: MajorAmount,
    currency: Currency,
    customer: Customer,
    cardInfo: CardInfo.optional(),
    use3D: z.boolean().default(false),
    callbackUrl: z
      .string()
      .max(2048)
      .optional()
      .openapi({ example: 'https://shop.example.com/payment-callback' }),
    environment: z.enum(ENVIRONMENTS).optional(),
    capture: z
      .boolean()
      .default(true)
      .openapi({ description: '`false` authorizes only; capture later.' }),
    description: z.string().max(500).optional(),
    orderId: z.string().max(64).optional(),
    conversationId: z.string().max(64).optional(),
    items: z.array(Item).max(100).optional(),
    installmentCount: z.number().int().min(1).max(36).optional(),
    recurring: z
      .boolean()
      .default(false)
      .openapi({
        description:
          'Store the payment method with the provider, to charge it again later without the shopper ' +
          '(`POST /v1/payments/{provider}/{paymentId}/recurrence`). Providers list `recurring` among their capabilities.',
      }),
    paymentMethod: z
      .string()
      .max(64)
      .regex(/^[A-Za-z0-9_.-]+$/, 'must be a provider payment method name')
      .optional()
      .openapi({
        description:
          "For payments without cardInfo: the provider's own method name (Adyen `gopay_wallet`, " +
          'GoPay88 `gopay_bankupi`, GoPay `PAYMENT_CARD`); each provider has a default.',
      }),
  })
  .superRefine((body, ctx) => {
    if (typeof body.currency === 'string' && isCurrency(body.currency)) {
      const amount = parseMajorAmount(body.amount, body.currency)
      if ('problem' in amount)
        ctx.addIssue({
          code: 'custom',
          path: ['amount'],
          message: describeAmountProblem(amount.problem, body.currency),
        })
    }
    const card = body.cardInfo
    if (card && !isUnexpired(card.expireMonth, card.expireYear, Date.now())) {
      ctx.addIssue({
        code: 'custom',
        path: ['cardInfo', 'expireYear'],
        message: 'the card has expired',
      })
    }
    if (typeof body.currency === 'string' && isCurrency(body.currency)) {
      for (const [index, item] of (body.items ?? []).entries()) {
        const price = parseMajorAmount(item.price, body.currency)
        if ('problem' in price)
          ctx.addIssue({
            code: 'custom',
            path: ['items', index, 'price'],
            message: describeAmountProblem(price.problem, body.currency),
          })
      }
    }
    if ((body.use3D || !card) && !body.callbackUrl) {
      ctx.addIssue({
        code: 'custom',
        path: ['callbackUrl'],
        message: 'is required for 3-D Secure and hosted payments',
      })
    }
  })
  .openapi('CreatePaymentRequest')

export type CreatePaymentBody = z.infer<typeof CreatePaymentBody>

/** The validated body's amount in minor units (valid by the refinement above). */
export const amountMinorOf = (body: { amount: number | string; currency: string }): number => {
  const parsed = parseMajorAmount(body.amount, body.currency)
  if ('problem' in parsed) throw new TypeError('amount was not validated')
  return parsed.minor
}

/** The validated body's order lines with minor-unit prices (quantity 1 when not given). */
export const itemsOf = (body: CreatePaymentBody): LineItem[] | undefined =>
  body.items?.map((item) => ({
    id: item.id,
    name: item.name,
    category: item.category,
    unitPriceMinor: amountMinorOf({ amount: item.price, currency: body.currency }),
    quantity: item.quantity ?? 1,
  }))

/**
 * @module Examples of `POST /v1/payments/{provider}` for `/openapi.json`: a body per kind of
 * payment (the sandbox's test cards, iyzico's hosted page) and what each is answered with, by the
 * same names, from the story in `examples.ts`.
 */
import { PAYMENT_EXAMPLES } from './examples'

const customer = {
  name: 'Ayşe',
  surname: 'Yılmaz',
  email: 'ayse.yilmaz@example.com',
  phoneNumber: '+905321234567',
  ipAddress: '203.0.113.42',
  address: {
    city: 'Istanbul',
    country: 'Turkey',
    address: 'Bağdat Cad. No: 12, Kadıköy',
    zipCode: '34710',
  },
}

const cardInfo = (cardNumber: string) => ({
  cardHolderName: 'Ayşe Yılmaz',
  cardNumber,
  expireMonth: '12',
  expireYear: '2030',
  cvv: '123',
})

const callbackUrl = 'https://shop.example.com/payment-callback'

/** An order of the shop paid one way or another (`how`: the card, 3-D Secure, the callback). */
const order = <T extends object>(orderId: string, how: T) => ({
  amount: 100.5,
  currency: 'TRY',
  customer,
  ...how,
  orderId,
  description: 'Ceramic mug set',
  items: [{ id: 'SKU-1001', name: 'Ceramic mug set', category: 'Kitchen', price: 100.5 }],
})

/** The bodies of `POST /v1/payments/{provider}`, one per kind of payment. */
export const CREATE_PAYMENT_EXAMPLES = {
  direct: {
    summary: 'Direct card payment (sandbox test card 4242…: succeeds)',
    value: order('ORDER-10042', { cardInfo: cardInfo('4242424242424242') }),
  },
  threeDS: {
    summary: '3-D Secure (sandbox test card 4000 0000 0000 3220: asks for it)',
    value: order('ORDER-10045', {
      cardInfo: cardInfo('4000000000003220'),
      use3D: true,
      callbackUrl,
    }),
  },
  hosted: {
    summary: "Hosted page: no cardInfo, the provider's page takes the card (iyzico)",
    value: order('ORDER-10048', { callbackUrl }),
  },
  authorizeOnly: {
    summary: 'Authorize only (capture: false), capture later',
    value: order('ORDER-10046', { cardInfo: cardInfo('4242424242424242'), capture: false }),
  },
}

/** What those bodies are answered with (201), by the same names. */
export const CREATED_PAYMENT_EXAMPLES = {
  direct: { summary: 'Direct card payment: successful', value: PAYMENT_EXAMPLES.paid },
  threeDS: {
    summary: '3-D Secure: pending, send the shopper to redirectUrl',
    value: PAYMENT_EXAMPLES.threeDS,
  },
  hosted: {
    summary: "Hosted page: pending, send the shopper to the provider's redirectUrl",
    value: PAYMENT_EXAMPLES.hosted,
  },
  authorizeOnly: {
    summary: 'Authorize only: authorized, capture it later',
    value: PAYMENT_EXAMPLES.authorized,
  },
}

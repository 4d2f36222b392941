/**
 * @module Examples for `/openapi.json`, which Swagger UI shows at /docs and the Postman collection
 * is generated from. They tell one test-mode story: a tenant with an API key and a webhook endpoint
 * pays 100.50 TRY with the sandbox's test card and refunds 25.50 of it, next to the other answers a
 * payment can get (3-D Secure, hosted page, declined, processing, authorize then capture or
 * cancel, recurring). Ids are made as `newId` makes them (the time part is when the row was made),
 * so the gateway's own id checks accept them. The bodies that create payments are in
 * `create-payment-examples.ts`; test/integration/openapi-examples.test.ts parses every example
 * with the schema it illustrates.
 */
import type * as z from 'zod'
import type { Payment } from './payment-api'

type PaymentExample = z.input<typeof Payment>

export const EXAMPLE_APP_URL = 'https://pay.example.com'
export const EXAMPLE_REQUEST_ID = 'req_Z9vBeX09HFbHijaR'

export const EXAMPLE_IDS = {
  tenant: 'ten_01M8NTXDM0QAZNAGWKN4CZ86S2',
  apiKey: 'key_01M8RBK6T0ZCS2Z1SAFWMFECD3',
  webhookEndpoint: 'we_01M8RCENQ05462FEA1G305W5PH',
  /** The story's payment, 2026-12-07T10:15:00Z, and what was recorded of it. */
  payment: 'pay_01M97ZZS50W3X0FHXAB725N1WK',
  charge: 'sbxch_01M97ZZSAMQJS8QX7HPAMMRZFM',
  createdEvent: 'evt_01M97ZZS50NJQEZ8N1AJ69XGGR',
  succeededEvent: 'evt_01M97ZZS50NJQEZ8N1AJ69XGGS',
  succeededMessage: 'msg_01M97ZZS68T85E6S0R1SP6J5T7',
  providerCall: 'plog_01M97ZZS50CAZW9WMM815RDDNW',
  refund: 're_01M982NV20T472144BW0S44B0H',
  refundCall: 'plog_01M982NVBPZ1D7N4KX0T6QW9RB',
  sandboxRefund: 'sbxre_01M982NV7M3J2Q2ZY751Z187YE',
  refundEvent: 'evt_01M982NVBPBZGJCQ0QSC9X4HE3',
  refundMessage: 'msg_01M982NVCYRRRXA5Y4P1K15PRW',
  /** The other payments of the story. */
  declinedPayment: 'pay_01M9801KR04QS97AZXHNBRHPCM',
  declinedCharge: 'sbxch_01M9801KWPPD8QWRY8SZBMNG98',
  processingPayment: 'pay_01M9803EB0DFVK0XBMXW20YFWR',
  threeDSPayment: 'pay_01M9808Y40HVK2WNY8WXCSH3JN',
  threeDSCharge: 'sbxch_01M9808Y90R97PWHNXXRP7Q159',
  hostedPayment: 'pay_01M980J330ZR2TM1SCV7DHVRJN',
  authorizedPayment: 'pay_01M980V820D6D83BBBX60HHFKP',
  authorizedCharge: 'sbxch_01M980V86CSZ80KGE22HF7N3G2',
  adyenPayment: 'pay_01M9814D10HA6D5TM7DK08DKM0',
  heldPayment: 'pay_01M981DJ00M9S346Q3D25VT4F5',
  heldCharge: 'sbxch_01M981DJ00V37E3S3E28JT97KB',
  recurringPayment: 'pay_01M6TKRWM099R6S9W7R6QEHXQ4',
  recurringCharge: 'pay_01MBQP0QM0RR39B2YNJDSPASFB',
} as const

const ids = EXAMPLE_IDS

/** The story's payment: 100.50 TRY with the sandbox's test card 4242 4242 4242 4242. */
const paid: PaymentExample = {
  success: true,
  status: 'successful',
  paymentId: ids.payment,
  transactionId: ids.charge,
  provider: 'sandbox',
  environment: 'test',
  amount: 100.5,
  amountMinor: 10050,
  currency: 'TRY',
  capturedAmount: 100.5,
  capturedAmountMinor: 10050,
  refundedAmount: 0,
  refundedAmountMinor: 0,
  card: '424242******4242',
  orderId: 'ORDER-10042',
  createdAt: '2026-12-07T10:15:00.000Z',
  updatedAt: '2026-12-07T10:15:00.000Z',
}

/** A payment answer like `paid` with other fields; the times stay last, as the API puts them. */
function like(fields: Partial<PaymentExample>): PaymentExample {
  const { createdAt, updatedAt, ...rest } = { ...paid, ...fields }
  return { ...rest, createdAt, updatedAt }
}

const notCaptured = { capturedAmount: 0, capturedAmountMinor: 0 }

const authorized = like({
  status: 'authorized',
  paymentId: ids.authorizedPayment,
  transactionId: ids.authorizedCharge,
  ...notCaptured,
  orderId: 'ORDER-10046',
  createdAt: '2026-12-07T10:30:00.000Z',
  updatedAt: '2026-12-07T10:30:00.000Z',
})

const adyenAuthorized = like({
  ...authorized,
  paymentId: ids.adyenPayment,
  transactionId: 'QFQTPCQ8HXSKGK82',
  provider: 'adyen',
  card: '555555******4444',
  orderId: 'ORDER-10047',
  createdAt: '2026-12-07T10:35:00.000Z',
  updatedAt: '2026-12-07T10:35:00.000Z',
})

const recurring = like({
  paymentId: ids.recurringPayment,
  transactionId: 'pi_3QmT7b2eZvKYlo2C1x8WqR4n',
  provider: 'stripe',
  recurring: 'active',
  orderId: 'SUB-2026-11',
  createdAt: '2026-11-07T09:00:00.000Z',
  updatedAt: '2026-11-07T09:00:00.000Z',
})

const recurringCharge = like({
  ...recurring,
  paymentId: ids.recurringCharge,
  transactionId: 'pi_3QsW8c4fAwLZmp3D0y9XrS5o',
  recurring: undefined,
  parentPaymentId: ids.recurringPayment,
  orderId: 'SUB-2027-01',
  createdAt: '2027-01-07T09:00:00.000Z',
  updatedAt: '2027-01-07T09:00:00.000Z',
})

/** A fourth card from one IP address within the hour, issued abroad: held for review. */
const held = like({
  success: false,
  status: 'review',
  paymentId: ids.heldPayment,
  transactionId: ids.heldCharge,
  ...notCaptured,
  card: '400000******0077',
  cardFingerprint: 'fp_3f9a1c0e8b7d4a2f6e5c1b0a9d8e7f60',
  orderId: 'ORDER-10049',
  risk: {
    score: 70,
    decision: 'review',
    reasons: [
      {
        code: 'ip_cards',
        points: 50,
        message: '4 different cards from this IP address in 60 minutes.',
      },
      {
        code: 'country_mismatch',
        points: 20,
        message: "The card is from US, the shopper's IP address from TR.",
      },
    ],
    rulesVersion: 3,
    captureOnApproval: true,
  },
  createdAt: '2026-12-07T10:40:00.000Z',
  updatedAt: '2026-12-07T10:40:00.000Z',
})

export const PAYMENT_EXAMPLES = {
  paid,
  partiallyRefunded: like({
    status: 'partially_refunded',
    refundedAmount: 25.5,
    refundedAmountMinor: 2550,
    updatedAt: '2026-12-07T11:02:00.310Z',
  }),
  threeDS: like({
    status: 'pending',
    paymentId: ids.threeDSPayment,
    transactionId: ids.threeDSCharge,
    ...notCaptured,
    redirectUrl: `${EXAMPLE_APP_URL}/sandbox/3ds/${ids.threeDSCharge}`,
    message: '3-D Secure authentication required',
    card: '400000******3220',
    orderId: 'ORDER-10045',
    createdAt: '2026-12-07T10:20:00.000Z',
    updatedAt: '2026-12-07T10:20:00.000Z',
  }),
  hosted: like({
    status: 'pending',
    paymentId: ids.hostedPayment,
    transactionId: 'e828c62d-fd12-4b1a-ad5a-380f15fe6596',
    provider: 'iyzico',
    ...notCaptured,
    redirectUrl:
      'https://sandbox-cpp.iyzipay.com?token=e828c62d-fd12-4b1a-ad5a-380f15fe6596&lang=tr',
    message: "Send the shopper to redirectUrl to pay on the provider's page",
    card: undefined,
    orderId: 'ORDER-10048',
    createdAt: '2026-12-07T10:25:00.000Z',
    updatedAt: '2026-12-07T10:25:00.000Z',
  }),
  declined: like({
    success: false,
    status: 'failed',
    paymentId: ids.declinedPayment,
    transactionId: ids.declinedCharge,
    ...notCaptured,
    message: 'The card was declined.',
    declineCode: 'card_declined',
    card: '400000******0002',
    orderId: 'ORDER-10043',
    createdAt: '2026-12-07T10:16:00.000Z',
    updatedAt: '2026-12-07T10:16:00.000Z',
  }),
  processing: like({
    success: false,
    status: 'processing',
    paymentId: ids.processingPayment,
    transactionId: null,
    ...notCaptured,
    message: 'The provider did not answer in time; the final status will follow.',
    card: '400000******0101',
    orderId: 'ORDER-10044',
    createdAt: '2026-12-07T10:17:00.000Z',
    updatedAt: '2026-12-07T10:17:00.000Z',
  }),
  authorized,
  /** 80.00 of the authorized 100.50 captured. */
  captured: like({
    ...authorized,
    status: 'successful',
    capturedAmount: 80,
    capturedAmountMinor: 8000,
    updatedAt: '2026-12-07T14:05:00.000Z',
  }),
  captureAccepted: like({
    ...adyenAuthorized,
    pendingOperation: { type: 'capture', amount: 80, amountMinor: 8000 },
    updatedAt: '2026-12-07T14:05:00.000Z',
  }),
  /** As `DELETE` answers it: `success` says the cancel worked. */
  cancelled: like({
    ...authorized,
    status: 'cancelled',
    updatedAt: '2026-12-07T14:05:00.000Z',
  }),
  cancelAccepted: like({
    ...adyenAuthorized,
    pendingOperation: { type: 'cancel' },
    updatedAt: '2026-12-07T14:05:00.000Z',
  }),
  held,
  /** Approved and, as it was created with `capture: true`, captured. */
  approved: like({
    ...held,
    success: true,
    status: 'successful',
    capturedAmount: 100.5,
    capturedAmountMinor: 10050,
    risk: { ...held.risk!, review: { decision: 'approve', at: '2026-12-07T11:30:00.000Z' } },
    updatedAt: '2026-12-07T11:30:00.420Z',
  }),
  rejected: like({
    ...held,
    status: 'cancelled',
    declineCode: 'fraud_suspected',
    message: 'Rejected in review; the authorization was voided.',
    risk: { ...held.risk!, review: { decision: 'reject', at: '2026-12-07T11:30:00.000Z' } },
    updatedAt: '2026-12-07T11:30:00.420Z',
  }),
  recurring,
  recurringStopped: like({
    ...recurring,
    recurring: 'stopped',
    updatedAt: '2027-02-01T08:00:00.000Z',
  }),
  recurringCharge,
  recurringDeclined: like({
    ...recurringCharge,
    success: false,
    status: 'failed',
    ...notCaptured,
    message: 'The card has insufficient funds.',
    declineCode: 'insufficient_funds',
  }),
  recurringProcessing: like({
    ...recurringCharge,
    success: false,
    status: 'processing',
    transactionId: null,
    ...notCaptured,
    message: 'The provider did not answer in time; the final status will follow.',
  }),
} satisfies Record<string, PaymentExample>

/** The refund of the story: 25.50 of the 100.50, as the refund answer shows it. */
export const REFUND_EXAMPLE = {
  id: ids.refund,
  amount: 25.5,
  amountMinor: 2550,
  status: 'succeeded' as const,
}

/** The story's notifications: the payment's success, delivered at once... */
export const DELIVERED_EXAMPLE = {
  id: ids.succeededMessage,
  endpointId: ids.webhookEndpoint,
  eventId: ids.succeededEvent,
  eventType: 'payment.succeeded',
  status: 'delivered' as const,
  attempts: 1,
  lastStatusCode: 200,
  lastError: null,
  nextAttemptAt: null,
  deliveredAt: '2026-12-07T10:15:01.120Z',
  createdAt: '2026-12-07T10:15:00.040Z',
}

/** ...and its partial refund, failed after every retry, then sent again on request. */
export const RESENT_EXAMPLE = {
  id: ids.refundMessage,
  endpointId: ids.webhookEndpoint,
  eventId: ids.refundEvent,
  eventType: 'payment.partially_refunded',
  status: 'pending' as const,
  attempts: 0,
  lastStatusCode: 500,
  lastError: 'HTTP 500',
  nextAttemptAt: '2026-12-10T09:00:00.000Z',
  deliveredAt: null,
  createdAt: '2026-12-07T11:02:00.350Z',
}

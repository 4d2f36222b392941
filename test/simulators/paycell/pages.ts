/**
 * @module Payment management, the host the shopper's browser talks to: `getCardTokenSecure`
 * (card data in, `cardToken` out, both `hashData`s checked and signed) and `threeDSecure`, the
 * form post with `threeDSessionId` and `callbackurl` (the docs' name; the SDK pages post
 * `callbackUrl`, also read) that leads to the bank's page and then back to the callback URL with
 * nothing signed: the merchant asks `getThreeDSessionResult`.
 */

import { redirectTo, shopperAction, shopperPage } from '../kit/pages.ts'
import { dropConnection, type SimulatorKit } from '../kit/types.ts'
import { luhnValid } from './cards.ts'
import { requestHash, responseHash, sameHash } from './hash.ts'
import { type Body, json, str } from './http.ts'
import { localTime, type PaycellStore } from './store.ts'

export async function getCardTokenSecure(kit: SimulatorKit, store: PaycellStore, body: Body) {
  const now = kit.now()
  const header = (body.header ?? {}) as Body
  const transactionId = str(header.transactionId) ?? ''
  const transactionDateTime = str(header.transactionDateTime) ?? ''
  const app = store.applications.get(str(header.applicationName) ?? '')
  const reply = (responseCode: string, responseDescription: string, cardToken?: string) =>
    json({
      header: {
        transactionId,
        responseDateTime: localTime(now),
        responseCode,
        responseDescription,
      },
      cardToken: cardToken ?? null,
      hashData: null,
    })
  if (!app || !/^\d{17}$/.test(transactionDateTime) || !/^\d{1,20}$/.test(transactionId)) {
    return reply('80003', 'header bos olamaz')
  }
  const fault = kit.fault(app.applicationName, 'token')
  if (fault === 'http_500') return new Response('Internal Server Error', { status: 500 })
  if (!sameHash(requestHash(app, transactionId, transactionDateTime), body.hashData)) {
    return reply('1029', 'Hash is invalid')
  }
  const number = str(body.creditCardNo) ?? ''
  const month = str(body.expireDateMonth) ?? ''
  const year = str(body.expireDateYear) ?? ''
  if (!/^(0[1-9]|1[0-2])$/.test(month) || !/^\d{2}$/.test(year))
    return reply('90063', 'Input degerleri dogrulanamadi')
  if (!luhnValid(number)) return reply('3001', 'Credit card is not valid')
  const cardToken = store.issueToken(
    { application: app.applicationName, number, expiry: { month, year } },
    now
  )
  const fields = { transactionId, responseDateTime: localTime(now), responseCode: '0', cardToken }
  if (fault === 'drop') return dropConnection()
  return json({
    header: {
      transactionId,
      responseDateTime: fields.responseDateTime,
      responseCode: '0',
      responseDescription: 'Success',
    },
    cardToken,
    hashData: responseHash(app, fields),
  })
}

/** The browser's form post: remembered, then on to the bank's page. */
export async function threeDSecure(store: PaycellStore, request: Request, base: string) {
  const form = new URLSearchParams(await request.text())
  const session = store.sessions.get(form.get('threeDSessionId') ?? '')
  const callbackUrl = form.get('callbackurl') ?? form.get('callbackUrl')
  if (!session || session.used || !callbackUrl) {
    return new Response('3D session not found or callback url is invalid', { status: 400 })
  }
  session.callbackUrl = callbackUrl
  return redirectTo(`${base}/bank/3d/${form.get('threeDSessionId')}`)
}

export async function bankPage(store: PaycellStore, request: Request, sessionId: string) {
  const session = store.sessions.get(sessionId)
  if (!session?.callbackUrl || session.state !== 'waiting')
    return new Response('not found', { status: 404 })
  if (request.method === 'POST') {
    const action = await shopperAction(request)
    if (!action) return new Response('choose pass or fail', { status: 400 })
    session.state = action === 'pass' ? 'passed' : 'failed'
    return redirectTo(session.callbackUrl)
  }
  return shopperPage({
    title: 'Paycell 3-D Secure (bank)',
    lines: [
      ['Amount (kuruş)', session.amount],
      ['Phone', session.msisdn],
    ],
    passLabel: 'Authenticate',
  })
}

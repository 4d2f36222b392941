/**
 * @module The sandbox's hosted 3-D Secure page (`/sandbox/3ds/{charge}`), playing the card issuer:
 * "Authenticate" or "Fail" completes the charge and sends the browser back to the merchant's
 * return URL with a signed result, as a real PSP does.
 */
import { Hono } from 'hono'
import { html } from 'hono/html'
import { toMajorString } from '../../../domain/money'
import { signReturn } from '../signing'
import { reloadAndNotify } from './api'
import { type PspEnv, pspOf, settlementOf } from './context'
import { type Charge, findChargeForShopper, transitionCharge } from './store'

const page = (title: string, body: ReturnType<typeof html>) => html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} · GoPay Edge sandbox</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; background: #f4f5f7; margin: 0; }
      main { max-width: 420px; margin: 10vh auto; background: #fff; border-radius: 12px; padding: 32px; box-shadow: 0 2px 12px #0001; }
      h1 { font-size: 20px; margin: 0 0 8px; }
      dl { display: grid; grid-template-columns: auto 1fr; gap: 4px 16px; margin: 24px 0; }
      dt { color: #667; }
      form { display: flex; gap: 12px; }
      button { flex: 1; font: inherit; padding: 12px; border-radius: 8px; border: 1px solid #ccd; cursor: pointer; }
      button[value="authenticate"] { background: #1f6feb; color: #fff; border-color: #1f6feb; }
      .note { color: #667; font-size: 14px; }
    </style>
  </head>
  <body>
    <main>${body}</main>
  </body>
</html>`

const challenge = (charge: Charge) =>
  page(
    '3-D Secure',
    html`<h1>Confirm your payment</h1>
      <p class="note">Sandbox issuer: no real bank is involved.</p>
      <dl>
        <dt>Amount</dt>
        <dd>${toMajorString(charge.amountMinor, charge.currency)} ${charge.currency}</dd>
        <dt>Card</dt>
        <dd>${charge.cardMasked}</dd>
      </dl>
      <form method="post">
        <button name="action" value="authenticate" type="submit">Authenticate</button>
        <button name="action" value="fail" type="submit">Fail</button>
      </form>`
  )

const notice = (title: string, text: string) => page(title, html`<h1>${title}</h1><p>${text}</p>`)

export const sandboxPages = new Hono<PspEnv>()

sandboxPages.get('/3ds/:id', async (c) => {
  const charge = await findChargeForShopper(pspOf(c.env).db, c.req.param('id'))
  if (!charge) return c.html(notice('Not found', 'There is no such payment.'), 404)
  if (charge.status !== 'requires_action') {
    return c.html(
      notice('Already completed', 'This payment has already been authenticated or failed.'),
      409
    )
  }
  return c.html(challenge(charge))
})

sandboxPages.post('/3ds/:id', async (c) => {
  const psp = pspOf(c.env)
  const charge = await findChargeForShopper(psp.db, c.req.param('id'))
  if (!charge) return c.html(notice('Not found', 'There is no such payment.'), 404)
  const form = await c.req.parseBody()
  const authenticated = form.action === 'authenticate'
  const now = psp.now()
  const [to, changes] = !authenticated
    ? (['failed', { declineCode: 'authentication_failed' }] as const)
    : charge.capture
      ? ([
          'succeeded',
          { capturedMinor: charge.amountMinor, settlesAt: settlementOf(now) },
        ] as const)
      : (['authorized', {}] as const)
  const secret = await psp.merchantSecret(charge.merchantId)
  if (
    !charge.returnUrl ||
    !secret ||
    !(await transitionCharge(psp.db, charge.id, 'requires_action', to, changes, now))
  ) {
    return c.html(
      notice('Already completed', 'This payment has already been authenticated or failed.'),
      409
    )
  }
  await reloadAndNotify(psp, charge)
  const result = {
    charge: charge.id,
    status: to,
    amount: String(charge.amountMinor),
    currency: charge.currency,
  }
  const target = new URL(charge.returnUrl)
  for (const [key, value] of Object.entries(result)) target.searchParams.set(key, value)
  target.searchParams.set('signature', await signReturn(secret, result))
  return c.redirect(target.toString(), 303)
})

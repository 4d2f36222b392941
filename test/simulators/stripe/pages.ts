/**
 * @module The 3-D Secure page Stripe sends the shopper to (`next_action.redirect_to_url.url`):
 * GET shows it, a POST `action=pass|fail` completes the challenge and sends the browser to the
 * intent's `return_url` with `payment_intent`, `payment_intent_client_secret` and
 * `redirect_status` appended (docs.stripe.com/payments/3d-secure/authentication-flow#handle-redirect).
 */
import { redirectTo, shopperAction, shopperPage } from '../kit/pages.ts'
import { formatAmount, notFound, toResponse } from './http.ts'
import { completeChallenge, type Sim } from './payment-attempt.ts'

export async function threeDSecurePage(sim: Sim, request: Request): Promise<Response> {
  const query = new URL(request.url).searchParams
  const intentId = query.get('payment_intent') ?? ''
  const account = sim.store.accountOfIntent(intentId)
  const intent = account?.intents.get(intentId)
  if (!account || !intent || query.get('payment_intent_client_secret') !== intent.clientSecret)
    return toResponse(notFound('payment_intent', intentId))
  if (request.method === 'GET') {
    const pm = intent.paymentMethod ? account.paymentMethods.get(intent.paymentMethod) : undefined
    return shopperPage({
      title: 'Stripe 3-D Secure 2 test page',
      lines: [
        ['Amount', formatAmount(intent.amount, intent.currency)],
        ['Card', pm ? `•••• ${pm.number.slice(-4)}` : 'unknown'],
        ['Payment', intent.id],
      ],
      passLabel: 'Complete authentication',
      failLabel: 'Fail authentication',
    })
  }
  const action = await shopperAction(request)
  if (!action) return new Response('Choose pass or fail.', { status: 400 })
  return redirectTo(await completeChallenge(sim, account, intent, action === 'pass'))
}

// The demo shop at /demo: pays through the public API with a test API key, follows the provider's
// page, and on return shows the signed redirect, the payment as the API reports it and the
// webhook deliveries that followed.
const $ = (id) => document.getElementById(id)

/**
 * How the demo pays each provider's simulator (`npm run dev:providers`): a currency the provider
 * takes and, for providers without a page of their own, the simulator's 3-D Secure test card
 * (docs/providers/<id>.md). Providers with a page get no card data: the shopper pays there.
 */
const SIMULATED_CHECKOUT = {
  stripe: { currency: 'EUR', card: '4000000000003220' },
  adyen: { currency: 'EUR', card: '5454545454545454' },
  nkolay: { currency: 'TRY', card: '4546711234567894' },
  paycell: { currency: 'TRY', card: '4355084355084358' },
  gopay: { currency: 'CZK' },
  gopay88: { currency: 'CNY' },
  payu: { currency: 'PLN' },
  iyzico: { currency: 'TRY' },
  paytr: { currency: 'TRY' },
  papara: { currency: 'TRY' },
  ozanpay: { currency: 'TRY' },
}
const keyInput = $('key')
keyInput.value = sessionStorage.getItem('demoKey') ?? ''

async function api(method, path, body) {
  const headers = { Authorization: `Bearer ${keyInput.value.trim()}` }
  if (body) headers['Content-Type'] = 'application/json'
  const res = await fetch(path, { method, headers, body: body && JSON.stringify(body) })
  return { status: res.status, body: await res.json().catch(() => null) }
}

function show(headline, steps) {
  $('result').hidden = false
  $('headline').textContent = headline
  $('steps').replaceChildren(
    ...steps.flatMap(([title, value]) => {
      const h = document.createElement('h3')
      h.textContent = title
      const pre = document.createElement('pre')
      pre.textContent = typeof value === 'string' ? value : JSON.stringify(value, null, 2)
      return [h, pre]
    })
  )
}

async function offerConfiguredProviders() {
  // Only a signed-in user may read the tenant's configurations; with an API key the sandbox is
  // what is offered.
  const credential = keyInput.value.trim()
  if (!credential || credential.startsWith('gpk_')) return
  const configured = await api('GET', '/v1/config/tenant')
  for (const entry of configured.body?.data ?? []) {
    if (entry.environment !== 'test' || $('provider').querySelector(`[value="${entry.provider}"]`))
      continue
    const option = document.createElement('option')
    option.value = option.textContent = entry.provider
    $('provider').append(option)
  }
}

// Adyen's test cards want this expiry and security code; the other simulators take any.
const cardInfo = (cardNumber) => ({
  cardHolderName: 'Ayse Yilmaz',
  cardNumber,
  expireMonth: '03',
  expireYear: '2030',
  cvv: '737',
})

/** What the shop sends for the chosen provider, and what the Pay button says. */
function checkoutOf(provider) {
  if (provider === 'sandbox') {
    const card = $('card').value
    return { currency: 'TRY', card, use3D: card === '4000000000003220' }
  }
  const simulated = SIMULATED_CHECKOUT[provider] ?? { currency: 'TRY' }
  return { ...simulated, use3D: Boolean(simulated.card) }
}

function describeCheckout() {
  const provider = $('provider').value
  const checkout = checkoutOf(provider)
  $('card-choice').hidden = provider !== 'sandbox'
  $('pay').textContent = `Pay 100.50 ${checkout.currency}`
  $('checkout-hint').textContent =
    provider === 'sandbox'
      ? ''
      : checkout.card
        ? `${provider} has no page of its own: the demo sends its simulator's 3-D Secure test card ${checkout.card}.`
        : `${provider} opens its own page; no card data is sent to it.`
}

async function pay() {
  sessionStorage.setItem('demoKey', keyInput.value.trim())
  const provider = $('provider').value
  const checkout = checkoutOf(provider)
  const body = {
    amount: 100.5,
    currency: checkout.currency,
    customer: {
      name: 'Ayşe',
      surname: 'Yılmaz',
      email: 'ayse@example.com',
      phoneNumber: '+905321234567',
      ipAddress: '85.34.78.112',
    },
    callbackUrl: `${location.origin}/demo`,
  }
  if (checkout.card) {
    body.cardInfo = cardInfo(checkout.card)
    body.use3D = checkout.use3D
  }
  const created = await api('POST', `/v1/payments/${provider}`, body)
  sessionStorage.setItem('demoProvider', provider)
  if (created.body?.redirectUrl) {
    show('Sending you to the provider…', [[`POST /v1/payments/${provider}`, created.body]])
    location.assign(created.body.redirectUrl)
    return
  }
  const hint =
    created.body?.error?.code === 'callback_url_not_allowed'
      ? `Allow this page as a callback origin: curl -X PUT ${location.origin}/v1/config/callback-origins -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"origins":["${location.origin}","http://localhost:3000"]}'`
      : 'The answer, with no page to visit:'
  show(`${created.status}: ${created.body?.status ?? created.body?.error?.code ?? 'error'}`, [
    [hint, created.body],
  ])
}

async function cameBack(params, again = true) {
  const paymentId = params.get('paymentId')
  const provider = sessionStorage.getItem('demoProvider') ?? 'sandbox'
  const payment = await api('GET', `/v1/payments/${provider}/${paymentId}`)
  const deliveries = await api('GET', '/v1/webhooks/deliveries?limit=5')
  show(`Back from the provider: ${params.get('status')}`, [
    [
      'The signed redirect (check `signature`, an HMAC-SHA256 with your callback secret, before you trust it)',
      Object.fromEntries(params),
    ],
    [
      `What the API says (the status to act on): GET /v1/payments/${provider}/${paymentId}`,
      payment.body,
    ],
    [
      'The webhooks that followed (GET /v1/webhooks/deliveries, asked again after 3 s: they are sent in the background); add an endpoint with POST /v1/config/webhooks to see them here',
      deliveries.body,
    ],
  ])
  if (again) setTimeout(() => void cameBack(params, false), 3000)
}

$('pay').addEventListener('click', () => void pay())
$('provider').addEventListener('change', describeCheckout)
$('card').addEventListener('change', describeCheckout)
describeCheckout()
keyInput.addEventListener('change', () => void offerConfiguredProviders())
void offerConfiguredProviders()
const params = new URLSearchParams(location.search)
if (params.has('paymentId')) void cameBack(params)

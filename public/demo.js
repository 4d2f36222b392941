// The demo shop at /demo: pays through the public API with a test API key, follows the provider's
// page, and on return shows the signed redirect, the payment as the API reports it and the
// webhook deliveries that followed.
const $ = (id) => document.getElementById(id)
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
  if (!keyInput.value.trim()) return
  const configured = await api('GET', '/v1/config/tenant')
  // API keys may not read credentials: then the sandbox is what is offered.
  for (const entry of configured.body?.data ?? []) {
    if (entry.environment !== 'test' || $('provider').querySelector(`[value="${entry.provider}"]`))
      continue
    const option = document.createElement('option')
    option.value = option.textContent = entry.provider
    $('provider').append(option)
  }
}

async function pay() {
  sessionStorage.setItem('demoKey', keyInput.value.trim())
  const provider = $('provider').value
  const body = {
    amount: 100.5,
    currency: 'TRY',
    customer: {
      name: 'Ayşe',
      surname: 'Yılmaz',
      email: 'ayse@example.com',
      phoneNumber: '+905321234567',
      ipAddress: '85.34.78.112',
    },
    callbackUrl: `${location.origin}/demo`,
  }
  if (provider === 'sandbox') {
    body.cardInfo = {
      cardHolderName: 'Ayse Yilmaz',
      cardNumber: $('card').value,
      expireMonth: '12',
      expireYear: '2030',
      cvv: '123',
    }
    body.use3D = $('card').value === '4000000000003220'
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
keyInput.addEventListener('change', () => void offerConfiguredProviders())
void offerConfiguredProviders()
const params = new URLSearchParams(location.search)
if (params.has('paymentId')) void cameBack(params)

// Providers: what each provider can do (GET /v1/providers) next to the tenant's credentials for the
// selected environment (GET /v1/config/tenant), masked by the gateway. Nothing here asks for a
// secret or could show one in clear: the API never returns them.
import { api } from './api.js'
import { el, fillTable, time } from './dom.js'

const $ = (id) => document.getElementById(id)

const CAPABILITIES = [
  ['card', 'cards'],
  ['threeDS', '3-D Secure'],
  ['hosted', 'hosted / wallet'],
  ['capture', 'capture'],
  ['partialCapture', 'partial capture'],
  ['cancel', 'cancel'],
  ['refund', 'refund'],
  ['partialRefund', 'partial refund'],
  ['recurring', 'recurring'],
  ['webhooks', 'notifications'],
]

export function resetProviders() {
  $('providers-table').replaceChildren()
}

export async function loadProviders(view) {
  const [providers, configs] = await Promise.all([
    api('GET', '/v1/providers'),
    api('GET', '/v1/config/tenant'),
  ])
  if (!view.current()) return
  const configured = new Map(
    configs.data.filter((c) => c.environment === view.environment).map((c) => [c.provider, c])
  )
  // The providers that can run in this environment; configured ones first.
  const rows = providers.data
    .filter((p) => p.capabilities.environments.includes(view.environment))
    .sort((a, b) => Number(configured.has(b.id)) - Number(configured.has(a.id)))
  fillTable(
    $('providers-table'),
    [
      ['Provider', (p) => name(p)],
      ['Supports', (p) => supports(p.capabilities)],
      ['Configuration', (p) => configuration(p, configured.get(p.id))],
    ],
    rows,
    {
      empty: `No provider runs in ${view.environment}.`,
      rowProps: (p) => ({ dataset: { provider: p.id } }),
    }
  )
}

function name(p) {
  return el(
    'div',
    {},
    el('strong', {}, p.displayName),
    el('div', { className: 'hint' }, p.id),
    p.experimental ? el('span', { className: 'tag warn' }, 'experimental') : null
  )
}

function supports(capabilities) {
  return el(
    'ul',
    { className: 'tags' },
    ...CAPABILITIES.map(([key, label]) =>
      el('li', { className: capabilities[key] ? 'tag yes' : 'tag no' }, label)
    )
  )
}

function configuration(provider, config) {
  if (!config) {
    const needed = provider.configKeys.filter((k) => k.required).map((k) => k.key)
    return el(
      'span',
      { className: 'hint' },
      needed.length === 0
        ? 'Built in: nothing to configure.'
        : `Not configured (needs ${needed.join(', ')}).`
    )
  }
  return el(
    'div',
    {},
    el(
      'dl',
      { className: 'facts' },
      ...config.configs.flatMap((c) => [el('dt', {}, c.key), el('dd', {}, el('code', {}, c.value))])
    ),
    el('div', { className: 'hint' }, `updated ${time(config.updatedAt)}`)
  )
}

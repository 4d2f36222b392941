// API keys of the selected mode: listed by prefix and last 4 (GET /v1/auth/api-keys), created in
// that mode (POST, the full key shown once, here, until the page moves on), revoked after a
// confirmation (DELETE /v1/auth/api-keys/{id}).
import { ApiError, api } from './api.js'
import { el, fillTable, time } from './dom.js'

const $ = (id) => document.getElementById(id)

/** A key of this mode: its mode says so, and so does its prefix (`gpk_test_…`, `gpk_live_…`). */
const ofMode = (key, mode) => key.mode === mode && key.displayPrefix.startsWith(`gpk_${mode}_`)

/** `gpk_test_7Hq2…` and `x9Qa` → `gpk_test_7Hq2…x9Qa`. */
const shown = (key) => `${key.displayPrefix.replace(/…$/, '')}…${key.last4}`

export function resetKeys() {
  forgetSecret()
  $('api-keys-table').replaceChildren()
}

/** The full key leaves the page as soon as anything else is shown. */
export function forgetSecret() {
  $('new-key-secret').textContent = ''
  $('new-key').hidden = true
  $('copy-key').textContent = 'Copy'
}

export async function loadKeys(view) {
  const listed = await api('GET', '/v1/auth/api-keys')
  if (!view.current()) return
  fillTable(
    $('api-keys-table'),
    [
      ['Name', (k) => k.name],
      ['Key', (k) => el('code', {}, shown(k))],
      ['Mode', (k) => k.mode],
      ['Created', (k) => time(k.createdAt), 'time'],
      ['', (k) => revokeButton(view, k)],
    ],
    listed.data.filter((k) => ofMode(k, view.mode)),
    { empty: `No ${view.mode} keys.`, rowProps: (k) => ({ dataset: { keyId: k.id } }) }
  )
}

export async function createKey(view) {
  const name = $('new-key-name').value.trim()
  if (!name) return
  const created = await api('POST', '/v1/auth/api-keys', { body: { name, mode: view.mode } })
  if (!view.current()) return
  $('new-key-name').value = ''
  $('new-key-secret').textContent = created.key
  $('new-key').hidden = false
  await loadKeys(view)
}

function revokeButton(view, key) {
  const button = el('button', { type: 'button', className: 'revoke danger', textContent: 'Revoke' })
  button.addEventListener('click', () => revoke(view, key, button).catch(view.fail))
  return button
}

async function revoke(view, key, button) {
  const label = `${key.name} (${shown(key)})`
  if (!window.confirm(`Revoke ${label}? Requests with it fail from now on.`)) return
  forgetSecret()
  button.disabled = true
  try {
    await api('DELETE', `/v1/auth/api-keys/${encodeURIComponent(key.id)}`)
  } catch (error) {
    button.disabled = false
    if (error instanceof ApiError && error.code === 'not_found') return loadKeys(view)
    throw error
  }
  if (view.current()) await loadKeys(view)
}

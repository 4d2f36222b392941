/** Speaking as the sandbox PSP, or to it as a merchant's server would: signed with the tenant's sandbox secret. */
import { env } from 'cloudflare:workers'
import { type Keyring, loadKeyring } from '../../src/crypto/keyring'
import { newId } from '../../src/domain/ids'
import { deriveMerchantSecret, signRequest } from '../../src/providers/sandbox/signing'
import { call } from './http'
import type { PaymentBody } from './payments'
import type { TestTenant } from './tenant'

export async function sandboxHeaders(
  tenant: TestTenant,
  body: string,
  options: { tamper?: boolean; timestamp?: number } = {}
) {
  const keyring = await (loadKeyring(env.CONFIG_ENCRYPTION_KEY) as Promise<Keyring>)
  const secret = await deriveMerchantSecret(keyring.sandbox, tenant.tenantId)
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000)
  return {
    'X-Sandbox-Merchant': tenant.tenantId,
    'X-Sandbox-Timestamp': String(timestamp),
    'X-Sandbox-Signature': await signRequest(
      options.tamper ? 'not-the-secret' : secret,
      timestamp,
      body
    ),
  }
}

/** Calls the sandbox PSP's API directly, behind the gateway's back. */
export async function callSandboxPsp(tenant: TestTenant, path: string, payload?: object) {
  const rawBody = payload === undefined ? '' : JSON.stringify(payload)
  return call('POST', `/sandbox/api${path}`, {
    rawBody,
    headers: { 'Content-Type': 'application/json', ...(await sandboxHeaders(tenant, rawBody)) },
  })
}

/** The sandbox PSP's side of a notification, signed as the PSP signs it (the test-side signer). */
export async function notify(
  tenant: TestTenant,
  type: string,
  data: Record<string, unknown>,
  options: { tamper?: boolean; id?: string; ip?: string } = {}
) {
  const timestamp = Math.floor(Date.now() / 1000)
  const body = JSON.stringify({
    id: options.id ?? newId('sandboxEvent'),
    type,
    created: timestamp,
    data,
  })
  return call<string>('POST', '/v1/webhooks/sandbox', {
    rawBody: body,
    headers: await sandboxHeaders(tenant, body, { tamper: options.tamper, timestamp }),
    ip: options.ip,
  })
}

export const charge = (
  payment: PaymentBody,
  status: string,
  extra: Record<string, unknown> = {}
) => ({
  object: {
    id: payment.transactionId,
    reference: payment.paymentId,
    status,
    amount: payment.amountMinor,
    captured_amount: status === 'succeeded' ? payment.amountMinor : 0,
    currency: payment.currency,
    decline_code: null,
    next_action: null,
  },
  ...extra,
})

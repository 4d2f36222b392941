/** @module What the sandbox PSP runs on: the gateway's D1, its derived sandbox key and its URL. */
import { loadKeyring } from '../../../crypto/keyring'
import { createDb } from '../../../db/client'
import { configOf } from '../../../env'
import { deriveMerchantSecret } from '../signing'

export type PspEnv = { Bindings: Env }

export const DAY_MS = 24 * 60 * 60 * 1000

export function pspOf(env: Env) {
  return {
    db: createDb(env.DB),
    now: () => Date.now(),
    publicUrl: `${configOf(env).APP_URL}/sandbox`,
    async merchantSecret(merchantId: string): Promise<string | undefined> {
      const keyring = loadKeyring(env.CONFIG_ENCRYPTION_KEY)
      if (typeof keyring === 'string') return undefined
      return deriveMerchantSecret((await keyring).sandbox, merchantId)
    },
  }
}

/** Captured charges settle at the end of their UTC day; until then they can be cancelled. */
export const settlementOf = (capturedAt: number) => (Math.floor(capturedAt / DAY_MS) + 1) * DAY_MS

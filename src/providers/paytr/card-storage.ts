/**
 * @module PayTR's card storage (Direkt API > Kart Saklama API, dev.paytr.com): a card stored with
 * a payment (`store_card=1`) belongs to a PayTR user (`utoken`) and has its own `ctoken`.
 * `POST /odeme/capi/list` (token over `utoken`) lists a user's cards; `POST /odeme/capi/delete`
 * (token over `ctoken + utoken`) removes one. Both tokens are `paytr_token` as everywhere
 * (`hash_str + merchant_salt`, HMAC-SHA256 with merchant_key, base64).
 */
import type { ProviderContext } from '../types'
import { postForm, readAnswer, settingsOf } from './client'
import { cardDeleteHashStr, cardListHashStr } from './signing'
import { CardDeleted, CardList } from './wire'

export const CARD_PATHS = { list: '/odeme/capi/list', remove: '/odeme/capi/delete' } as const

/** The card a user stored, usable without the shopper (no CVV asked: `require_cvv` 0). */
export async function storedCardOf(
  ctx: ProviderContext,
  utoken: string
): Promise<{ ctoken: string | undefined } | { kind: 'unknown'; reason: string }> {
  const fields: [string, string][] = [
    ['merchant_id', settingsOf(ctx).merchantId],
    ['utoken', utoken],
  ]
  const sent = await postForm(ctx, CARD_PATHS.list, fields, cardListHashStr({ utoken }))
  const answer = readAnswer(sent, CardList)
  if (!answer.ok) return { kind: 'unknown', reason: answer.reason }
  if (!Array.isArray(answer.value)) return { kind: 'unknown', reason: 'card_list_error' }
  return { ctoken: answer.value.find((card) => card.require_cvv !== '1')?.ctoken }
}

/**
 * Deletes the card. "Kart yok veya daha önce silinmiş" (no card, or deleted before): the card is
 * gone either way, so a delete whose first answer was lost ends the same.
 */
export async function deleteCard(
  ctx: ProviderContext,
  card: { utoken: string; ctoken: string }
): Promise<'deleted' | { rejected: string } | { kind: 'unknown'; reason: string }> {
  const fields: [string, string][] = [
    ['merchant_id', settingsOf(ctx).merchantId],
    ['ctoken', card.ctoken],
    ['utoken', card.utoken],
  ]
  const sent = await postForm(ctx, CARD_PATHS.remove, fields, cardDeleteHashStr(card))
  const answer = readAnswer(sent, CardDeleted)
  if (!answer.ok) return { kind: 'unknown', reason: answer.reason }
  if (answer.value.status === 'success') return 'deleted'
  const message = answer.value.err_msg ?? ''
  return /kart yok|silinmi/i.test(message) ? 'deleted' : { rejected: message }
}

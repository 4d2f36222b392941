/**
 * @module iyzico's sandbox test cards (iyzico/iyzipay-php@168839f `README.md`, "Mock test cards"):
 * which bank answer each card gets. Cards not listed are paid, as the listed success cards are.
 */
import type { BankError } from './store.ts'

const bank = (errorCode: string, errorGroup: string, errorMessage: string): BankError => ({
  errorCode,
  errorGroup,
  errorMessage,
})

/** Cards the bank declines, with iyzico's bank error (docs "Bank Error Codes"). */
export const DECLINING_CARDS: Record<string, BankError> = {
  '4111111111111129': bank(
    '10051',
    'NOT_SUFFICIENT_FUNDS',
    'Kart limiti yetersiz, yetersiz bakiye'
  ),
  '4129111111111111': bank('10005', 'DO_NOT_HONOUR', 'İşlem onaylanmadı'),
  '4128111111111112': bank('10012', 'INVALID_TRANSACTION', 'Geçersiz işlem'),
  '4127111111111113': bank('10041', 'LOST_CARD', 'Kayıp kart, karta el koyunuz'),
  '4126111111111114': bank('10043', 'STOLEN_CARD', 'Çalıntı kart, karta el koyunuz'),
  '4125111111111115': bank('10054', 'EXPIRED_CARD', 'Vadesi dolmuş kart'),
  '4124111111111116': bank('10084', 'INVALID_CVC2', 'CVC2 bilgisi hatalı'),
  '4123111111111117': bank('10057', 'NOT_PERMITTED_TO_CARDHOLDER', 'Kart sahibi bu işlemi yapamaz'),
  '4122111111111118': bank(
    '10058',
    'NOT_PERMITTED_TO_TERMINAL',
    'Terminalin bu işlemi yapmaya yetkisi yok'
  ),
  '4121111111111119': bank('10034', 'FRAUD_SUSPECT', 'Dolandırıcılık şüphesi'),
  '4120111111111110': bank('10093', 'PICKUP_CARD', 'Karta el koy'),
  '4130111111111118': bank('10204', 'UNKNOWN', 'Ödeme işlemi esnasında genel bir hata oluştu'),
}

/** Paid, but iyzico refuses to cancel, refund or post-auth it. */
export const FROZEN_CARD = '5406670000000009'
/** 3-D Secure ends with these `mdStatus` values instead of 1. */
export const MD_STATUS_OF_CARD: Record<string, number> = {
  '4131111111111117': 0,
  '4141111111111115': 4,
}
/** 3-D Secure cannot even start. */
export const THREEDS_INIT_FAILS = '4151111111111112'

/** The card the simulated checkout form pays with (iyzico's README sample card). */
export const CHECKOUT_FORM_CARD = '5528790000000008'

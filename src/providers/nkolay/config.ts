/**
 * @module Nkolay (Paynkolay, Aktif Bank) credentials, issued by Paynkolay with the merchant's
 * integration details: one sx token per operation family (payments, listing, cancel/refund) and
 * the merchant secret key that closes every hashDatav2 and verifies the payment result post.
 * Docs: https://paynkolay.com.tr/entegrasyon
 */
import * as z from 'zod'
import { credential } from '../config-schema'

export const nkolayConfigSchema = z.object({
  sx: credential(
    'sx token for payments (Payment, CompletePayment, pre-authorization approve and cancel)'
  ),
  sxList: credential('sx token for PaymentList, used to query payment status'),
  sxCancel: credential('sx token for CancelRefundPayment (cancels and refunds)'),
  secretKey: credential(
    'Merchant secret key (merchantSecretKey); last field of every request hash and of the callback hash'
  ),
})

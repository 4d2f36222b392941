/**
 * @module Nkolay (Paynkolay, Aktif Bank) credentials from the Paynkolay merchant panel: one sx token
 * per operation family and the merchant secret key that closes every hashDatav2.
 * Docs: https://paynkolay.com.tr/entegrasyon
 */
import { z } from 'zod'
import { credential } from '../config-schema'

export const nkolayConfigSchema = z.object({
  sx: credential('sx token for payments'),
  sxList: credential('sx token for PaymentList (status) queries'),
  sxCancel: credential('sx token for cancels and refunds'),
  secretKey: credential('merchantSecretKey: the last field of every request and callback hash'),
})

/**
 * @module The issuing country of a card from its leading digits, for the country signal. Only the
 * providers' published test cards are listed: a production gateway loads a licensed BIN table
 * (the card schemes' range files through the acquirer, or a commercial BIN database) or asks the
 * provider (iyzico's `/payment/bin/check`). Longest prefix wins.
 */
const BIN_COUNTRIES: Record<string, string> = {
  // iyzico and the Turkish providers' sandbox cards (Turkish issuers).
  '552879': 'TR',
  '435508': 'TR',
  '540667': 'TR',
  '454671': 'TR',
  // Stripe's test cards: US unless the card names a country.
  '424242': 'US',
  '400000': 'US',
  '555555': 'US',
  '411111': 'US',
  '400000076': 'BR',
  '400000124': 'CA',
  '400000250': 'FR',
  '400000276': 'DE',
  '400000380': 'IT',
  '400000724': 'ES',
  '400000826': 'GB',
}

const LONGEST = Math.max(...Object.keys(BIN_COUNTRIES).map((prefix) => prefix.length))

/** ISO 3166-1 alpha-2 country of the issuer, when the table knows the card's range. */
export function binCountryOf(cardNumber: string): string | undefined {
  for (let length = Math.min(LONGEST, cardNumber.length); length >= 6; length--) {
    const country = BIN_COUNTRIES[cardNumber.slice(0, length)]
    if (country) return country
  }
  return undefined
}

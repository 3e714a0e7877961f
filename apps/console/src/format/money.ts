import { formatMoney as formatMinor } from '../../../../libs/domain/src/money';

// The same formatter the API's sentences use (libs/domain): minor units by the currency's exponent.
export const formatMoney = (amountMinor: string | number, currency: string): string => formatMinor(Number(amountMinor), currency);

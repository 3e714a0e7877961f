// Where a returned item goes, and the prepaid label the seller may provide for it. Read from
// untrusted input (the seller's offer or acceptance, a mediator's ruling, the order feed), so
// every part is checked and a fault names its field.
import { isRecord } from './records';
import type { Checked } from './result';
import { invalid, valid } from './result';
import { readOptionalText, readText } from './validate';

export interface ReturnAddress {
  /** The person or business the parcel is addressed to. */
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string;
  /** ISO 3166-1 alpha-2, upper case. */
  countryCode: string;
}

/** Where a return goes: the address, and the seller's prepaid label when there is one. */
export interface ReturnTo {
  returnAddress: ReturnAddress;
  prepaidLabel: string | null;
}

/** The officially assigned ISO 3166-1 alpha-2 codes (249); user-assigned codes such as XK are not among them. */
export const COUNTRY_CODES: ReadonlySet<string> = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
    'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
    'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
    'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ ' +
    'UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

const LINE = 200;
const SHORT = 100;
const POSTAL_CODE = /^[A-Za-z0-9][A-Za-z0-9 -]{0,15}$/;

/** An address object at `field` (e.g. `returnAddress`); each fault names its part, e.g. `returnAddress.countryCode`. */
export function readReturnAddress(value: unknown, field: string): Checked<ReturnAddress> {
  if (!isRecord(value)) return invalid(field, 'The return address must be an object with name, line1, city, postalCode and countryCode.');
  const name = readText(value.name, `${field}.name`, 'name on the return address', SHORT);
  if (!name.ok) return name;
  const line1 = readText(value.line1, `${field}.line1`, 'first address line', LINE);
  if (!line1.ok) return line1;
  const line2 = readOptionalText(value.line2, `${field}.line2`, 'second address line', LINE);
  if (!line2.ok) return line2;
  const city = readText(value.city, `${field}.city`, 'city', SHORT);
  if (!city.ok) return city;
  const region = readOptionalText(value.region, `${field}.region`, 'region', SHORT);
  if (!region.ok) return region;
  const postalCode = readText(value.postalCode, `${field}.postalCode`, 'postal code', SHORT);
  if (!postalCode.ok) return postalCode;
  if (!POSTAL_CODE.test(postalCode.value)) return invalid(`${field}.postalCode`, 'A postal code has 1 to 16 letters, digits, spaces and dashes.');
  const country = value.countryCode;
  if (typeof country !== 'string' || !/^[A-Z]{2}$/.test(country)) {
    return invalid(`${field}.countryCode`, 'The country must be an ISO 3166-1 alpha-2 code in upper case, such as DE or US.');
  }
  if (!COUNTRY_CODES.has(country)) return invalid(`${field}.countryCode`, `${country} is not an assigned ISO 3166-1 alpha-2 country code.`);
  return valid({ name: name.value, line1: line1.value, line2: line2.value, city: city.value, region: region.value, postalCode: postalCode.value, countryCode: country });
}

const LABEL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const HTTPS_URL = /^https:\/\/[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+(?::\d{1,5})?(?:[/?#][A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*)?$/;
const MAX_LABEL_URL = 500;

/**
 * A prepaid return label: the carrier's label id (letters, digits, dot, dash, underscore) or an
 * https URL where the buyer prints it. Anything with a scheme other than https is refused, so a
 * label can never be a javascript: or plain-http link shown to the buyer.
 */
export function readPrepaidLabel(value: unknown, field: string): Checked<string> {
  if (typeof value !== 'string' || value.trim() === '') return invalid(field, 'The prepaid label must be a label id or an https URL.');
  const label = value.trim();
  if (LABEL_ID.test(label)) return valid(label);
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(label)) {
    return label.length <= MAX_LABEL_URL && HTTPS_URL.test(label)
      ? valid(label)
      : invalid(field, `A prepaid label link must be an https URL of at most ${MAX_LABEL_URL} characters.`);
  }
  return invalid(field, 'A prepaid label id has at most 128 letters, digits, dots, dashes and underscores.');
}

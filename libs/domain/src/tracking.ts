// What a shipment is recorded with: a carrier from a known list (or OTHER with its name) and a
// tracking number in the form carriers print it, normalized so two spellings of one number
// compare equal and a webhook or a person can look it up.
import type { Checked } from './result';
import { invalid, valid } from './result';
import { readEnum, readText } from './validate';

/**
 * Carriers by code, with the name shown to people. Codes are GraphQL enum values, so a name
 * that starts with a digit (4PX) gets a spelled-out code. OTHER has no name of its own: the
 * sender gives one.
 */
export const CARRIERS = {
  UPS: 'UPS',
  USPS: 'USPS',
  FEDEX: 'FedEx',
  DHL: 'DHL',
  DPD: 'DPD',
  GLS: 'GLS',
  EVRI: 'Evri',
  ROYAL_MAIL: 'Royal Mail',
  CANADA_POST: 'Canada Post',
  AUSTRALIA_POST: 'Australia Post',
  LA_POSTE: 'La Poste',
  DEUTSCHE_POST: 'Deutsche Post',
  POSTNL: 'PostNL',
  BPOST: 'bpost',
  POSTE_ITALIANE: 'Poste Italiane',
  CORREOS: 'Correos',
  JAPAN_POST: 'Japan Post',
  YAMATO: 'Yamato Transport',
  KOREA_POST: 'Korea Post',
  CHINA_POST: 'China Post',
  CAINIAO: 'Cainiao',
  YANWEN: 'Yanwen',
  FOUR_PX: '4PX',
  SF_EXPRESS: 'SF Express',
  INDIA_POST: 'India Post',
  CORREIOS: 'Correios',
  AMAZON_LOGISTICS: 'Amazon Logistics',
  OTHER: 'Other',
} as const;
export type CarrierCode = keyof typeof CARRIERS;
export const CARRIER_CODES = Object.keys(CARRIERS) as CarrierCode[];

const MAX_CARRIER_NAME_LENGTH = 100;
const TRACKING_MIN = 8;
const TRACKING_MAX = 40;

/** A shipment as events record it: the carrier's code and name, and the normalized tracking number. */
export interface Tracking {
  carrierCode: CarrierCode;
  carrier: string;
  trackingNumber: string;
}

/** Letters and digits only, in one case: how a carrier name typed by hand is matched to a code. */
const matchKey = (text: string): string => text.toUpperCase().replace(/[^A-Z0-9]/g, '');
const BY_KEY = new Map<string, CarrierCode>(
  CARRIER_CODES.filter((code) => code !== 'OTHER').flatMap((code) => [
    [matchKey(code), code],
    [matchKey(CARRIERS[code]), code],
  ]),
);

/** A free-text carrier (the deprecated `carrier` input): a known code when its code or name matches, ignoring case, spaces and punctuation; else OTHER with that name. */
export function carrierFromText(text: string): Pick<Tracking, 'carrierCode' | 'carrier'> {
  const code = BY_KEY.get(matchKey(text));
  return code ? { carrierCode: code, carrier: CARRIERS[code] } : { carrierCode: 'OTHER', carrier: text };
}

const given = (value: unknown): boolean => value !== undefined && value !== null;

function readCarrier(data: Record<string, unknown>): Checked<Pick<Tracking, 'carrierCode' | 'carrier'>> {
  if (given(data.carrierCode) && given(data.carrier)) {
    return invalid('carrier', 'Give the carrier as carrierCode (with carrierName for OTHER), not also as the deprecated carrier text.');
  }
  if (given(data.carrier)) {
    const legacy = readText(data.carrier, 'carrier', 'carrier', MAX_CARRIER_NAME_LENGTH);
    return legacy.ok ? valid(carrierFromText(legacy.value)) : legacy;
  }
  if (!given(data.carrierCode)) return invalid('carrierCode', 'Name the carrier: a carrierCode, with carrierName when it is OTHER.');
  const code = readEnum(data.carrierCode, CARRIER_CODES, 'carrierCode', 'carrier code');
  if (!code.ok) return code;
  if (code.value !== 'OTHER') {
    return given(data.carrierName) ? invalid('carrierName', `A carrier name is given only with carrierCode OTHER; ${code.value} is ${CARRIERS[code.value]}.`) : valid({ carrierCode: code.value, carrier: CARRIERS[code.value] });
  }
  const name = readText(data.carrierName, 'carrierName', 'carrier name', MAX_CARRIER_NAME_LENGTH);
  return name.ok ? valid({ carrierCode: 'OTHER', carrier: name.value }) : name;
}

/** Trimmed, without spaces and dashes, upper case: "jd0146 0000-1234" is JD014600001234. */
export const normalizeTrackingNumber = (text: string): string => text.trim().replace(/[\s-]/g, '').toUpperCase();

function readTrackingNumber(value: unknown, maxLength: number): Checked<string> {
  if (typeof value !== 'string' || value.trim() === '') return invalid('trackingNumber', 'The tracking number must not be empty.');
  const normalized = normalizeTrackingNumber(value);
  const max = Math.min(TRACKING_MAX, maxLength);
  if (!/^[A-Z0-9]+$/.test(normalized) || normalized.length < TRACKING_MIN || normalized.length > max) {
    return invalid('trackingNumber', `A tracking number has ${TRACKING_MIN} to ${max} letters and digits (spaces and dashes are ignored).`);
  }
  return valid(normalized);
}

/** The carrier and tracking number of a shipment command (`carrierCode`/`carrierName`, or the deprecated `carrier`; `trackingNumber`). */
export function readTracking(data: Record<string, unknown>, maxTrackingNumberLength: number): Checked<Tracking> {
  const carrier = readCarrier(data);
  if (!carrier.ok) return carrier;
  const trackingNumber = readTrackingNumber(data.trackingNumber, maxTrackingNumberLength);
  return trackingNumber.ok ? valid({ ...carrier.value, trackingNumber: trackingNumber.value }) : trackingNumber;
}

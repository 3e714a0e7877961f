// Order lines: what the order feed says was bought, and which of those lines a dispute covers.
import { formatMoney, lineTotalMinor } from './money';
import type { Checked } from './result';
import { invalid, valid } from './result';
import type { OrderLine } from './types';
import { isRecord, readId, readMinorUnits, readMoney, readText } from './validate';

/** Enough for any basket; keeps the order snapshot pinned in DisputeOpened bounded. */
export const MAX_ORDER_LINES = 500;
const MAX_TITLE_LENGTH = 500;

/**
 * The feed's lines of an order paid `amountPaidMinor` in `currency`: unique ids, positive whole
 * quantities, unit prices in the order's currency, every total a safe integer, nothing refunded
 * beyond a line's total, and the lines together never worth more than was paid.
 */
export function readOrderLines(value: unknown, field: string, amountPaidMinor: number, currency: string): Checked<OrderLine[]> {
  if (value === undefined || value === null) return valid([]);
  if (!Array.isArray(value)) return invalid(field, 'The order lines must be a list.');
  if (value.length > MAX_ORDER_LINES) return invalid(field, `An order may have at most ${MAX_ORDER_LINES} lines (this one has ${value.length}).`);
  const lines: OrderLine[] = [];
  const ids = new Set<string>();
  let total = 0;
  for (let i = 0; i < value.length; i++) {
    const line = readLine(value[i], `${field}[${i}]`, currency);
    if (!line.ok) return line;
    if (ids.has(line.value.lineId)) return invalid(`${field}[${i}].lineId`, `Line id ${line.value.lineId} appears twice in this order.`);
    ids.add(line.value.lineId);
    total += lineTotalMinor(line.value);
    if (total > amountPaidMinor) {
      return invalid(field, `The lines are worth more than the ${formatMoney(amountPaidMinor, currency)} paid for the order (from line ${line.value.lineId} on).`);
    }
    lines.push(line.value);
  }
  return valid(lines);
}

function readLine(raw: unknown, at: string, currency: string): Checked<OrderLine> {
  if (!isRecord(raw)) return invalid(at, 'Each order line must be an object.');
  const lineId = readId(raw.lineId, `${at}.lineId`, 'line id');
  if (!lineId.ok) return lineId;
  const sku = readId(raw.sku, `${at}.sku`, 'SKU');
  if (!sku.ok) return sku;
  const title = readText(raw.title, `${at}.title`, 'line title', MAX_TITLE_LENGTH);
  if (!title.ok) return title;
  const quantity = raw.quantity;
  if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity < 1) {
    return invalid(`${at}.quantity`, 'The quantity must be a whole number of at least 1.');
  }
  const unitPrice = readMoney(raw.unitPrice, `${at}.unitPrice`, currency);
  if (!unitPrice.ok) return unitPrice;
  const lineTotal = quantity * unitPrice.value.amountMinor;
  if (!Number.isSafeInteger(lineTotal)) return invalid(`${at}.quantity`, 'The line\u2019s total (quantity times unit price) is too large to hold exactly.');
  const refunded = readMinorUnits(raw.refundedMinor ?? 0, `${at}.refundedMinor`, 'amount refunded on the line');
  if (!refunded.ok) return refunded;
  if (refunded.value > lineTotal) {
    return invalid(`${at}.refundedMinor`, `The amount refunded on a line cannot exceed its total, ${formatMoney(lineTotal, currency)}.`);
  }
  return valid({ lineId: lineId.value, sku: sku.value, title: title.value, quantity, unitPrice: unitPrice.value, refundedMinor: refunded.value });
}

/** The lines a dispute covers, by id: each a line of the order, none twice. None given (or an empty list) means the whole order. */
export function readLineIds(value: unknown, field: string, lines: readonly OrderLine[]): Checked<string[] | null> {
  if (value === undefined || value === null) return valid(null);
  if (!Array.isArray(value)) return invalid(field, 'The disputed lines must be a list of line ids.');
  const known = new Set(lines.map((line) => line.lineId));
  const named = new Set<string>();
  for (let i = 0; i < value.length; i++) {
    const id = readId(value[i], `${field}[${i}]`, 'line id');
    if (!id.ok) return id;
    if (!known.has(id.value)) return invalid(`${field}[${i}]`, `Line ${id.value} is not a line of this order.`);
    if (named.has(id.value)) return invalid(`${field}[${i}]`, `Line ${id.value} is named twice.`);
    named.add(id.value);
  }
  return valid(named.size > 0 ? [...named] : null);
}

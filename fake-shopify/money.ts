/**
 * Exact money for fake payloads: amounts are integers in minor units and are only
 * turned into Shopify's decimal strings at the edge, so no float ever rounds a cent.
 */

// ISO 4217 minor units for the currencies that differ from the usual 2.
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

export function currencyDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2;
}

function assertMinor(minor: number): void {
  if (!Number.isSafeInteger(minor)) {
    throw new RangeError(`money must be an integer number of minor units, got ${minor}`);
  }
}

/** 3897 USD → "38.97"; 1200 JPY → "1200"; 12345 KWD → "12.345"; -500 USD → "-5.00". */
export function formatMinor(minor: number, currency: string): string {
  assertMinor(minor);
  const digits = currencyDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = String(Math.abs(minor));
  if (digits === 0) return sign + abs;
  const padded = abs.padStart(digits + 1, "0");
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** "38.97" USD → 3897. Rejects anything that is not an exact amount in that currency. */
export function parseMinor(amount: string, currency: string): number {
  const digits = currencyDigits(currency);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) throw new RangeError(`not a money amount: "${amount}"`);
  const [, sign, whole = "0", fraction = ""] = match;
  if (fraction.length > digits)
    throw new RangeError(`"${amount}" has more than ${digits} decimals for ${currency}`);
  const minor = Number(whole + fraction.padEnd(digits, "0"));
  assertMinor(minor);
  return sign === "-" ? -minor : minor;
}

/** Multiplies then divides integers exactly, rounding half away from zero. */
export function mulDivRound(value: number, multiplier: number, divisor: number): number {
  if (divisor === 0) throw new RangeError("division by zero");
  const numerator = BigInt(value) * BigInt(multiplier);
  const d = BigInt(divisor);
  const negative = numerator < 0n !== d < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const dd = d < 0n ? -d : d;
  const rounded = (n * 2n + dd) / (dd * 2n);
  return Number(negative ? -rounded : rounded);
}

/** The currency a buyer saw, and how many of its major units one shop major unit buys. */
export interface PresentmentCurrency {
  currency: string;
  /** Decimal string (e.g. "0.9213", "151.2") so the conversion stays exact. */
  rate: string;
}

/** Converts shop minor units to presentment minor units at an exact decimal rate. */
export function convertMinor(shopMinor: number, shopCurrency: string, to: PresentmentCurrency): number {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(to.rate);
  if (!match) throw new RangeError(`rate must be a positive decimal string, got "${to.rate}"`);
  const [, whole = "0", fraction = ""] = match;
  const rateNumerator = Number(whole + fraction);
  const rateDenominator = 10 ** fraction.length;
  const digitShift = currencyDigits(to.currency) - currencyDigits(shopCurrency);
  return digitShift >= 0
    ? mulDivRound(shopMinor, rateNumerator * 10 ** digitShift, rateDenominator)
    : mulDivRound(shopMinor, rateNumerator, rateDenominator * 10 ** -digitShift);
}

export interface Money {
  amount: string;
  currency_code: string;
}

/** Shopify's MoneyBag in REST form. */
export interface MoneySet {
  shop_money: Money;
  presentment_money: Money;
}

/** Everything needed to express an amount the way an order in this shop does. */
export interface MoneyContext {
  shopCurrency: string;
  presentment?: PresentmentCurrency;
}

export function presentmentCurrencyOf(ctx: MoneyContext): string {
  return ctx.presentment?.currency ?? ctx.shopCurrency;
}

export function toPresentmentMinor(shopMinor: number, ctx: MoneyContext): number {
  return ctx.presentment ? convertMinor(shopMinor, ctx.shopCurrency, ctx.presentment) : shopMinor;
}

export function moneySet(shopMinor: number, ctx: MoneyContext): MoneySet {
  return {
    shop_money: { amount: formatMinor(shopMinor, ctx.shopCurrency), currency_code: ctx.shopCurrency },
    presentment_money: {
      amount: formatMinor(toPresentmentMinor(shopMinor, ctx), presentmentCurrencyOf(ctx)),
      currency_code: presentmentCurrencyOf(ctx),
    },
  };
}

/** The legacy top-level string fields (e.g. `total_price`) are in shop currency. */
export function shopAmount(shopMinor: number, ctx: MoneyContext): string {
  return formatMinor(shopMinor, ctx.shopCurrency);
}

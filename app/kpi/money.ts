/**
 * Exact money: amounts are integer minor units (cents, yen, fils) of the shop's currency, parsed
 * from Shopify's decimal strings with string arithmetic so no binary float rounding creeps in.
 */

const exponents = new Map<string, number>();

/** Minor-unit digits of an ISO 4217 currency as the platform's ICU data knows them (JPY 0, EUR 2, KWD 3). */
export function currencyExponent(currencyCode: string): number {
  const code = currencyCode.trim().toUpperCase();
  let exponent = exponents.get(code);
  if (exponent === undefined) {
    exponent =
      new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    exponents.set(code, exponent);
  }
  return exponent;
}

/**
 * "12.34" with exponent 2 → 1234. Accepts a sign and surplus trailing zeros ("1200.00" in JPY);
 * a non-zero digit beyond the currency's precision cannot be represented and throws.
 */
export function parseMoneyToMinor(amount: string, exponent: number): number {
  if (!Number.isInteger(exponent) || exponent < 0 || exponent > 6)
    throw new RangeError(`Bad currency exponent ${exponent}`);
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(amount.trim());
  const whole = match?.[2] ?? "";
  const fraction = match?.[3] ?? "";
  if (!match || (whole === "" && fraction === "")) throw new RangeError(`Not a decimal amount: "${amount}"`);
  const kept = fraction.slice(0, exponent).padEnd(exponent, "0");
  if (/[^0]/.test(fraction.slice(exponent))) {
    throw new RangeError(`"${amount}" has more precision than the currency's ${exponent} decimals`);
  }
  const digits = `${whole}${kept}`.replace(/^0+(?=\d)/, "") || "0";
  const magnitude = Number(digits);
  if (!Number.isSafeInteger(magnitude)) throw new RangeError(`Amount out of safe integer range: "${amount}"`);
  return match[1] === "-" && magnitude !== 0 ? -magnitude : magnitude;
}

/** 1234 with exponent 2 → "12.34" (for display and round-trips in tests). */
export function formatMinor(minor: number, exponent: number): string {
  assertMinor(minor);
  const sign = minor < 0 ? "-" : "";
  const digits = String(Math.abs(minor)).padStart(exponent + 1, "0");
  if (exponent === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

export function assertMinor(value: number): void {
  if (!Number.isSafeInteger(value))
    throw new RangeError(`Money must be a safe integer of minor units, got ${value}`);
}

/** Sum of integer minor units that refuses to lose precision silently. */
export function sumMinor(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) {
    total += value;
    assertMinor(total);
  }
  return total;
}

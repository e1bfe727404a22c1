// Exact %e / %f / %g for Python's % operator. Python rounds the exact binary value half-to-even
// ('%.0f' % 2.5 == '2', '%.2f' % 1.005 == '1.00'); JavaScript's toFixed rounds ties away from zero and gives up
// above 1e21, so digits come from the double's exact decimal expansion, computed with BigInt.

/** value == digits * 10**exponent exactly (digits without leading zeros; "0" for zero). */
interface Exact {
  digits: bigint;
  exponent: number;
}

const view = new DataView(new ArrayBuffer(8));

function exactDecimal(value: number): Exact {
  view.setFloat64(0, Math.abs(value));
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const biased = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  let power: number;
  if (biased === 0) {
    power = -1074; // subnormal
  } else {
    mantissa |= 1n << 52n;
    power = biased - 1075;
  }
  if (power >= 0) return { digits: mantissa << BigInt(power), exponent: 0 };
  // m / 2^k == m * 5^k / 10^k
  return { digits: mantissa * 5n ** BigInt(-power), exponent: power };
}

/** Divides by 10**drop rounding half to even. */
function roundDrop(digits: bigint, drop: number): bigint {
  if (drop <= 0) return digits * 10n ** BigInt(-drop);
  const divisor = 10n ** BigInt(drop);
  let quotient = digits / divisor;
  const twice = (digits % divisor) * 2n;
  if (twice > divisor || (twice === divisor && quotient % 2n === 1n)) quotient += 1n;
  return quotient;
}

/** |value| with exactly `precision` decimals (no sign). */
export function fixedDigits(value: number, precision: number, alternate: boolean): string {
  const exact = exactDecimal(value);
  const scaled = roundDrop(exact.digits, -exact.exponent - precision).toString();
  if (precision === 0) return alternate ? `${scaled}.` : scaled;
  const padded = scaled.padStart(precision + 1, '0');
  return `${padded.slice(0, -precision)}.${padded.slice(-precision)}`;
}

/** |value| rounded to `significant` digits: the digit string and the decimal exponent of its first digit. */
function significantDigits(value: number, significant: number): { text: string; exponent: number } {
  if (value === 0) return { text: '0'.repeat(significant), exponent: 0 };
  const exact = exactDecimal(value);
  const length = exact.digits.toString().length;
  let exponent = length - 1 + exact.exponent;
  let rounded = roundDrop(exact.digits, length - significant).toString();
  if (rounded.length > significant) {
    rounded = rounded.slice(0, significant); // 9.99 -> 10.0: the dropped digit is a zero
    exponent += 1;
  }
  return { text: rounded, exponent };
}

function exponentText(exponent: number): string {
  return `${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/** |value| in %e form with `precision` decimals (no sign). */
export function exponentDigits(value: number, precision: number, alternate: boolean): string {
  const { text, exponent } = significantDigits(value, precision + 1);
  const point = precision > 0 || alternate ? '.' : '';
  return `${text[0]}${point}${text.slice(1)}e${exponentText(exponent)}`;
}

/** |value| in %g form: fixed for exponents -4..precision-1, trailing zeros dropped unless alternate. */
export function generalDigits(value: number, precision: number, alternate: boolean): string {
  const p = precision === 0 ? 1 : precision;
  const exponent = value === 0 ? 0 : significantDigits(value, p).exponent;
  let text =
    exponent >= -4 && exponent < p
      ? fixedDigits(value, p - 1 - exponent, alternate)
      : exponentDigits(value, p - 1, alternate);
  if (!alternate) {
    text = text.replace(/\.(\d*?)0+(e|$)/, (_m, kept: string, tail: string) => (kept === '' ? tail : `.${kept}${tail}`));
  }
  return text;
}

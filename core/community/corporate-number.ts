/**
 * 法人番号 (the 13-digit corporate number the National Tax Agency assigns): the first digit is a
 * check digit over the other twelve — 9 − (Σ Pn × Qn mod 9), Pn the n-th digit counted from the
 * right of the 12-digit base, Qn 1 for odd n and 2 for even n (国税庁「法人番号の指定」, 法人番号
 * の構成). Written with full-width digits or hyphens, it is normalised first.
 */
export function normaliseCorporateNumber(value: string): string {
  return value.normalize("NFKC").replace(/[\s-]/g, "");
}

export function corporateNumberCheckDigit(base: string): number {
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const digit = Number(base[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

export function isValidCorporateNumber(value: string): boolean {
  if (!/^\d{13}$/.test(value)) return false;
  return Number(value[0]) === corporateNumberCheckDigit(value.slice(1));
}

/** A value as a person reads it: at most three decimals, the unit after it. */
export function formatValue(value: number, unit: string): string {
  const text = Number.isInteger(value)
    ? String(value)
    : String(Number(value.toFixed(Math.abs(value) >= 100 ? 1 : 3)))
  if (unit === '') return text
  return unit === '%' ? `${text} %` : `${text} ${unit}`
}

/** Units of a chart's value axis, as Vega expressions (charts are rendered in Node, so no JS formatter runs). */
export type Unit = 'ms' | 'count' | 'usd' | 'pct';

export function labelExpr(unit: Unit): string {
  switch (unit) {
    case 'ms':
      return "datum.value >= 1000 ? format(datum.value / 1000, ',.3~r') + ' s' : format(datum.value, ',.0f') + ' ms'";
    case 'usd':
      return "abs(datum.value) >= 1000 ? format(datum.value, '$,.3~s') : format(datum.value, '$,.2~f')";
    case 'pct':
      return "format(datum.value, '.3~%')";
    case 'count':
      return "abs(datum.value) >= 10000 ? format(datum.value, ',.3~s') : format(datum.value, ',.0f')";
  }
}

/** The same formats for text marks that label a value (`datum.<field>`), parenthesised to be used inside an expression. */
export function textExpr(unit: Unit, field: string): string {
  return `(${labelExpr(unit).replaceAll('datum.value', `datum[${JSON.stringify(field)}]`)})`;
}

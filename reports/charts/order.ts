/**
 * Labels on a chart come from the logs (workflows, categories, models), and Vega-Lite writes a sort list or a scale
 * domain of values into Vega expressions, where Vega reads strings such as 'toString', 'constructor' or 'if' as
 * names: one record with such a label failed the whole report ("Operator not defined: undefined"). So a chart never
 * puts a label in its spec outside the data: each row carries its position as a number, and the scale sorts by it.
 */
export function positions(labels: readonly string[]): (label: string) => number {
  const at = new Map(labels.map((l, i) => [l, i]));
  return (label) => at.get(label) ?? labels.length;
}

/** The encoding's `sort`: by the row's position field (the smallest, as every row of one label has the same). */
export const byPosition = (field: string) => ({ field, op: 'min' }) as const;

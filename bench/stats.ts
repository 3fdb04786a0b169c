/** The spread of one figure over several runs. */
export interface Spread {
    min: number;
    median: number;
    max: number;
}

/** Min, median and max of `values` (at least one), rounded to a tenth. */
export function spread(values: readonly number[]): Spread {
    if (values.length === 0) throw new Error("spread of no values");
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    return { min: round(sorted[0]), median: round(median), max: round(sorted[sorted.length - 1]) };
}

export function round(value: number): number {
    return Math.round(value * 10) / 10;
}

/** `median (min–max)`, the way every time in the report is printed. */
export function showSpread(figure: Spread): string {
    return figure.min === figure.max ? `${figure.median}` : `${figure.median} (${figure.min}–${figure.max})`;
}

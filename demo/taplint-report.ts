/** Reading a STILTS taplint report (format=text) and deciding whether the service passed. */

export interface TaplintVerdict {
  ok: boolean;
  /** The E (error), W (warning) and F (failure) report lines, in order. */
  problems: string[];
  /** The E, W, F and S (summary: what a stage checked) lines, in order. */
  report: string[];
  /** taplint's own "Totals: ..." line, if it got that far. */
  totals?: string;
  /** One line saying why the run passed or failed. */
  reason: string;
}

const REPORT_LINE = /^([EWISF])-[A-Z]{3}-[A-Za-z0-9]{4}-(?:\d+|x)\s/;

/** A count from taplint's totals line, e.g. `Totals: Errors: 0; Warnings: 2; Failures: 0`. */
function total(totals: string, name: string): number {
  return Number(new RegExp(`\\b${name}:\\s*(\\d+)`).exec(totals)?.[1] ?? 0);
}

/**
 * Errors are non-conformance. Failures mean taplint could not run some of its
 * tests, so "no errors" would say nothing about them; both fail the run, and
 * so does a report without totals (taplint stopped early or never started).
 */
export function judgeTaplint(output: string): TaplintVerdict {
  const lines = output.split(/\r?\n/);
  const ofType = (types: RegExp) => lines.filter((l) => types.test(REPORT_LINE.exec(l)?.[1] ?? ''));
  const problems = ofType(/^[EWF]$/);
  const report = ofType(/^[EWFS]$/);
  const totals = lines.find((l) => l.startsWith('Totals:'));
  if (!totals) return { ok: false, problems, report, reason: 'taplint did not finish: its report has no totals' };
  const count = (type: string, name: string) => Math.max(total(totals, name), problems.filter((l) => l.startsWith(`${type}-`)).length);
  const errors = count('E', 'Errors');
  const failures = count('F', 'Failures');
  if (errors > 0) return { ok: false, problems, report, totals, reason: `taplint reported ${errors} error(s)` };
  if (failures > 0) return { ok: false, problems, report, totals, reason: `taplint could not run ${failures} of its tests (failures)` };
  return { ok: true, problems, report, totals, reason: 'taplint: no errors' };
}

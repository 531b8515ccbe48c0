// Inngest's duration strings ("1s", "1m30s", "2h", "1d", "1w"; "500ms" in flow-control settings) and sleep
// targets (a duration, or an ISO date for step.sleepUntil).

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;

/** Milliseconds in a duration string or number; throws RangeError on anything else. */
export function parseDuration(input: string | number): number {
  if (typeof input === "number") {
    if (!Number.isFinite(input) || input < 0) throw new RangeError(`Invalid duration ${input}`);
    return input;
  }
  const text = input.trim();
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0;
  let consumed = 0;
  for (const match of text.matchAll(PART)) {
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ""] ?? 0);
    consumed += match[0].length;
  }
  if (consumed === 0 || consumed !== text.length) throw new RangeError(`Invalid duration "${input}"`);
  return total;
}

/** When a Sleep op (its `name` is a duration or an ISO date) should wake, given the current time. */
export function sleepUntil(name: string, now: number): number {
  if (/^\d{4}-\d{2}-\d{2}T/.test(name)) {
    const at = Date.parse(name);
    if (Number.isNaN(at)) throw new RangeError(`Invalid sleep date "${name}"`);
    return at;
  }
  return now + parseDuration(name);
}

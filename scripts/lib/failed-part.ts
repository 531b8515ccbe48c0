// The job executor, the QuickBooks simulator and the demo source run inside the launcher's own process, so an
// error none of them handled ends the launcher. Which of them it came from is in the error's stack: the first
// frame of ours names the part, so the log can say "the QuickBooks simulator failed" rather than only
// "the launcher failed".
const PARTS: [RegExp, string][] = [
  [/[\\/]sim[\\/]quickbooks[\\/]/, "the QuickBooks simulator"],
  [/[\\/]sim[\\/]inngest[\\/]/, "the job executor"],
  [/[\\/]sim[\\/]sources[\\/]/, "the demo source"],
];

export function failedPart(error: unknown): string {
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  for (const frame of stack.split("\n").slice(1)) {
    if (frame.includes("node_modules")) continue;
    const part = PARTS.find(([pattern]) => pattern.test(frame));
    if (part) return part[1];
  }
  return "the launcher";
}

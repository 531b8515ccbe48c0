/**
 * How often a part may be restarted: `max` times within `windowMs`. A part that keeps dying (a broken build, a
 * port someone else took) is not restarted forever, which would only hide why.
 */
export function restartBudget(max: number, windowMs: number, now: () => number = Date.now): { take: () => number | null } {
  const restarts: number[] = [];
  return {
    /** The restart's number within the window, or null when the budget is spent. */
    take() {
      const t = now();
      while (restarts.length > 0 && restarts[0]! <= t - windowMs) restarts.shift();
      if (restarts.length >= max) return null;
      restarts.push(t);
      return restarts.length;
    },
  };
}

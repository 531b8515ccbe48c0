import { db } from "../db";

// QuickBooks calls per connection and UTC day: the Connections page shows today's, and Intuit meters reads.

export function utcDay(at = new Date()): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

export async function recordUsage(connectionId: string, kind: "read" | "write", calls = 1): Promise<void> {
  const day = utcDay();
  const reads = kind === "read" ? calls : 0;
  const writes = kind === "write" ? calls : 0;
  // One statement, so concurrent callers add up instead of overwriting each other.
  await db.$executeRaw`
    INSERT INTO "QboApiUsage" ("connectionId", day, reads, writes) VALUES (${connectionId}, ${day}, ${reads}, ${writes})
    ON CONFLICT ("connectionId", day) DO UPDATE SET reads = "QboApiUsage".reads + ${reads}, writes = "QboApiUsage".writes + ${writes}`;
}

export async function usageToday(connectionIds: string[]): Promise<Map<string, { reads: number; writes: number }>> {
  const rows = await db.qboApiUsage.findMany({ where: { connectionId: { in: connectionIds }, day: utcDay() } });
  return new Map(rows.map((r) => [r.connectionId, { reads: r.reads, writes: r.writes }]));
}

import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { useTestDb } from "../../test/db";
import { auditEntriesToCsv, streamAuditCsv, type AuditCsvRow } from "./audit-csv";
import { recordAudit } from "./record-audit";

const HEADER = "time,seq,actor type,actor id,actor label,action,target type,target id,request id,ip,before,after,hash\r\n";

function row(overrides: Partial<AuditCsvRow> = {}): AuditCsvRow {
  return {
    createdAt: new Date("2026-11-21T10:00:00.123Z"),
    seq: 3,
    actorType: "USER",
    actorId: "user_1",
    actorLabel: "Ada",
    action: "member.role_changed",
    targetType: "Membership",
    targetId: "m_1",
    requestId: "req_1",
    ip: "203.0.113.7",
    before: { role: "VIEWER" },
    after: null,
    hash: "ab".repeat(32),
    ...overrides,
  };
}

// A minimal RFC 4180 reader, to check that what we write reads back as the same cells.
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    if (quoted && c === '"' && next === '"') {
      cell += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      cell += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else if (c === "\r" && next === "\n") {
      cells.push(cell);
      records.push(cells);
      cells = [];
      cell = "";
      i++;
    } else {
      cell += c;
    }
  }
  return records;
}

describe("auditEntriesToCsv", () => {
  it("writes a header row, then one CRLF-terminated record per entry", () => {
    expect(auditEntriesToCsv([])).toBe(HEADER);
    expect(auditEntriesToCsv([row()])).toBe(
      HEADER +
        `2026-11-21T10:00:00.123Z,3,USER,user_1,Ada,member.role_changed,Membership,m_1,req_1,203.0.113.7,"{""role"":""VIEWER""}",,${"ab".repeat(32)}\r\n`,
    );
  });

  it("quotes commas, quotes and line breaks so every cell reads back intact", () => {
    const label = 'Smith, "Ada"\nFinance\r\nTeam';
    const before = { note: "a,b", quote: '"', lines: "x\ny" };
    const [, record] = parseCsv(auditEntriesToCsv([row({ actorLabel: label, before })]));
    expect(record).toHaveLength(13);
    expect(record![4]).toBe(label);
    expect(JSON.parse(record![10]!)).toEqual(before);
  });

  it("defuses cells a spreadsheet would run as a formula", () => {
    const payloads = ["=HYPERLINK(\"http://evil.test\",\"click\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"];
    for (const payload of payloads) {
      const [, record] = parseCsv(auditEntriesToCsv([row({ actorLabel: payload, targetId: payload })]));
      expect(record![4]).toBe(`'${payload}`);
      expect(record![7]).toBe(`'${payload}`);
    }
    // Ordinary values are left alone.
    const [, plain] = parseCsv(auditEntriesToCsv([row({ actorLabel: "Ada = accountant" })]));
    expect(plain![4]).toBe("Ada = accountant");
  });
});

describe("streamAuditCsv", () => {
  const db = useTestDb();

  it("yields the header, then every matching entry page by page, newest first", async () => {
    const suffix = randomUUID().slice(0, 8);
    const workspaceId = (await db.workspace.create({ data: { slug: `audit-csv-${suffix}`, name: "CSV" } })).id;
    for (let n = 1; n <= 7; n++) {
      await recordAudit(db, { workspaceId, actor: { type: "SYSTEM" }, action: n % 2 ? "posting.approved" : "posting.held", after: { n } });
    }

    const chunks: string[] = [];
    for await (const chunk of streamAuditCsv(db, { tenantId: workspaceId, pageSize: 3 })) chunks.push(chunk);
    expect(chunks).toHaveLength(1 + 3); // header + pages of 3, 3 and 1
    const records = parseCsv(chunks.join(""));
    expect(records[0]!.join(",") + "\r\n").toBe(HEADER);
    expect(records.slice(1).map((r) => r[1])).toEqual(["7", "6", "5", "4", "3", "2", "1"]);

    const held: string[] = [];
    for await (const chunk of streamAuditCsv(db, { tenantId: workspaceId, filters: { action: "posting.held" }, pageSize: 2 })) held.push(chunk);
    expect(parseCsv(held.join("")).slice(1).map((r) => r[1])).toEqual(["6", "4", "2"]);

    const other = (await db.workspace.create({ data: { slug: `audit-csv-other-${suffix}`, name: "Other" } })).id;
    const empty: string[] = [];
    for await (const chunk of streamAuditCsv(db, { tenantId: other })) empty.push(chunk);
    expect(empty).toEqual([HEADER]);
  });

  it("rejects invalid filters before yielding anything", () => {
    expect(() => streamAuditCsv(db, { tenantId: "w", filters: { from: "not a date" } })).toThrow(ZodError);
  });
});

import { describe, expect, it } from "vitest";
import { canonicalJson, toJsonValue } from "./canonical-json";
import { canonicalAuditEntry, hashAuditEntry, type AuditHashFields } from "./hash-entry";

// The hash is what makes tampering visible, so it must depend on every field that matters and on nothing that
// PostgreSQL is free to change (the key order of jsonb) or that is only a spelling (a BigInt vs its digits).

const entry: AuditHashFields = {
  workspaceId: "ws_1",
  seq: 7,
  actorType: "USER",
  actorId: "user_1",
  actorLabel: "Ada Accountant",
  action: "mapping.activated",
  targetType: "MappingVersion",
  targetId: "mv_1",
  before: { status: "DRAFT", rules: [{ category: "revenue", account: "4000" }], amountMinor: 12_345n },
  after: { status: "ACTIVE", activatedAt: new Date("2026-11-21T10:00:00.123Z") },
  requestId: "req_1",
  ip: "203.0.113.9",
  createdAt: new Date("2026-11-21T10:00:00.456Z"),
  prevHash: "a".repeat(64),
};

describe("hashAuditEntry", () => {
  it("does not depend on the key order of before/after (jsonb reorders keys)", () => {
    const reordered: AuditHashFields = {
      ...entry,
      before: { amountMinor: 12_345n, rules: [{ account: "4000", category: "revenue" }], status: "DRAFT" },
      after: { activatedAt: new Date("2026-11-21T10:00:00.123Z"), status: "ACTIVE" },
    };
    expect(hashAuditEntry(reordered)).toBe(hashAuditEntry(entry));
  });

  it("hashes BigInts as their digits and Dates as ISO strings, as they are stored", () => {
    const asStored: AuditHashFields = {
      ...entry,
      before: JSON.parse('{"status":"DRAFT","rules":[{"category":"revenue","account":"4000"}],"amountMinor":"12345"}'),
      after: JSON.parse('{"status":"ACTIVE","activatedAt":"2026-11-21T10:00:00.123Z"}'),
    };
    expect(hashAuditEntry(asStored)).toBe(hashAuditEntry(entry));
    // Beyond 2^53 too: a BigInt is never squeezed through a float.
    expect(hashAuditEntry({ ...entry, after: { amountMinor: 9_007_199_254_740_993n } })).toBe(
      hashAuditEntry({ ...entry, after: { amountMinor: "9007199254740993" } }),
    );
  });

  it("changes when any field changes", () => {
    const changes: { [K in keyof AuditHashFields]: AuditHashFields[K] } = {
      workspaceId: "ws_2",
      seq: 8,
      actorType: "API_KEY",
      actorId: "user_2",
      actorLabel: "Someone else",
      action: "mapping.retired",
      targetType: "Posting",
      targetId: "mv_2",
      before: { ...(entry.before as object), amountMinor: 12_346n },
      after: { status: "ACTIVE", activatedAt: new Date("2026-11-21T10:00:00.124Z") },
      requestId: "req_2",
      ip: "203.0.113.10",
      createdAt: new Date("2026-11-21T10:00:00.457Z"),
      prevHash: "b".repeat(64),
    };
    const original = hashAuditEntry(entry);
    for (const key of Object.keys(changes) as (keyof AuditHashFields)[]) {
      expect(hashAuditEntry({ ...entry, [key]: changes[key] }), key).not.toBe(original);
    }
    // null and absent are the same thing; null and a value are not.
    expect(hashAuditEntry({ ...entry, actorId: null })).not.toBe(original);
    expect(hashAuditEntry({ ...entry, prevHash: null })).not.toBe(original);
  });

  it("keeps one canonical spelling, so existing chains stay verifiable", () => {
    // Changing this spelling would make every stored chain look tampered with: migrate chains before changing it.
    expect(canonicalAuditEntry({ ...entry, before: { b: 1, a: [2n, null] }, after: null })).toBe(
      '{"action":"mapping.activated","actorId":"user_1","actorLabel":"Ada Accountant","actorType":"USER","after":null,' +
        '"before":{"a":["2",null],"b":1},"createdAt":"2026-11-21T10:00:00.456Z","ip":"203.0.113.9",' +
        `"prevHash":"${"a".repeat(64)}","requestId":"req_1","seq":7,"targetId":"mv_1","targetType":"MappingVersion","workspaceId":"ws_1"}`,
    );
    expect(hashAuditEntry(entry)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("toJsonValue", () => {
  it("follows JSON.stringify, with BigInt as a string", () => {
    const value = { n: 1n, u: undefined, f: () => 1, list: [undefined, NaN, -0], d: new Date(0), nested: { x: Infinity } };
    expect(toJsonValue(value)).toEqual({ n: "1", list: [null, null, 0], d: "1970-01-01T00:00:00.000Z", nested: { x: null } });
    // A "__proto__" key (JSON.parse makes one from user data) stays data and is hashed like any other key.
    expect(canonicalJson(toJsonValue(JSON.parse('{"__proto__":{"isAdmin":true}}')))).toBe('{"__proto__":{"isAdmin":true}}');
  });

  it("refuses circular data rather than looping", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => toJsonValue(cyclic)).toThrow(/circular/);
    const shared = { a: 1 };
    expect(toJsonValue({ x: shared, y: shared })).toEqual({ x: { a: 1 }, y: { a: 1 } });
  });
});

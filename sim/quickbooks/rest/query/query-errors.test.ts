import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, shapeOf, startTestSim, type TestSim } from "../../test-helpers";
import { replaceRecords } from "./test-records";

type FaultAnswer = { Fault: { Error: { Message: string; Detail: string; code: string; element?: string }[]; type: string }; time: string };

let t: TestSim;

async function refused(text: string): Promise<{ status: number; body: FaultAnswer }> {
  const answer = await t.api("GET", `/query?query=${encodeURIComponent(text)}`);
  return { status: answer.status, body: answer.body as FaultAnswer };
}

beforeAll(async () => {
  t = await startTestSim();
  replaceRecords(t.realm, "Customer", [{ DisplayName: "Ann", Active: true }]);
});

afterAll(async () => {
  await t.sim.stop();
});

describe("query parse errors", () => {
  const captured = fixture<FaultAnswer>("qbo/errors/exquickbooks_query_parse_error_4000.json");

  it("answers SELECT * FROM NULL exactly as the real capture", async () => {
    const { status, body } = await refused("SELECT * FROM NULL");
    expect(status).toBe(400);
    expect(body.Fault.Error[0]).toMatchObject(captured.Fault.Error[0]!);
    expect(body.Fault.type).toBe("ValidationFault");
    // The simulator also sends `element` (every other QuickBooks fault has it); the rest matches key by key.
    expect(shapeOf(body).filter((k) => !k.includes("element"))).toEqual(shapeOf(captured));
  });

  const bad: [string, string][] = [
    ["SELECT * FROM Customer WHERE DisplayName = 'a' OR DisplayName = 'b'", `Encountered " "or" "OR "" at line 1, column 48.`],
    ["SELECT * FROM Customer JOIN Invoice", `Encountered " <IDENTIFIER> "JOIN "" at line 1, column 24.`],
    ["SELECT DisplayName FROM Customer GROUP BY DisplayName", `Encountered " <IDENTIFIER> "GROUP "" at line 1, column 34.`],
    ["SELECT * FROM Customer WHERE", `Encountered "<EOF>" at line 1, column 29.`],
    ["SELECT * FORM Customer", `Encountered " <IDENTIFIER> "FORM "" at line 1, column 10.`],
    ["DELETE FROM Customer", `Encountered " <IDENTIFIER> "DELETE "" at line 1, column 1.`],
    ["SELECT * FROM Customer WHERE DisplayName LIKE 5", `Encountered " <INTEGER> "5 "" at line 1, column 47.`],
    ["SELECT * FROM Customer WHERE DisplayName = 'O''Brien'", `Encountered " <STRING> "\\'Brien\\' "" at line 1, column 47.`],
    ["SELECT * FROM Customer WHERE DisplayName = 'open", `Lexical error at line 1, column 49.  Encountered: <EOF> after : "\\'open"`],
    ["SELECT * FROM Customer WHERE DisplayName != 'a'", `Lexical error at line 1, column 42.  Encountered: "!" (33), after : ""`],
    ["SELECT * FROM Customer WHERE Active IN ()", `Encountered " ")" ") "" at line 1, column 41.`],
    ["SELECT * FROM Customer MAXRESULTS 10 MAXRESULTS 5", `Encountered " "maxresults" "MAXRESULTS "" at line 1, column 38.`],
    ["SELECT * FROM Customer MAXRESULTS -1", `Encountered " <INTEGER> "-1 "" at line 1, column 35.`],
    ["SELECT * FROM Customer ORDERBY", `Encountered "<EOF>" at line 1, column 31.`],
    ["SELECT count(Id) FROM Customer", `Encountered " <IDENTIFIER> "Id "" at line 1, column 14.`],
    ["SELECT *\nFROM Customer\nWHERE", `Encountered "<EOF>" at line 3, column 6.`],
  ];

  it.each(bad)("refuses %j with 4000 and HTTP 400", async (text, start) => {
    const { status, body } = await refused(text);
    expect(status).toBe(400);
    expect(body.Fault.type).toBe("ValidationFault");
    expect(body.Fault.Error).toHaveLength(1);
    const error = body.Fault.Error[0]!;
    expect(error).toMatchObject({ Message: "Error parsing query", code: "4000" });
    expect(error.Detail.startsWith(`QueryParserError: ${start}`), error.Detail).toBe(true);
  });

  it("lists what it expected, JavaCC style", async () => {
    const { body } = await refused("SELECT * FROM Customer WHERE DisplayName = 'a' OR DisplayName = 'b'");
    expect(body.Fault.Error[0]!.Detail).toBe(
      'QueryParserError: Encountered " "or" "OR "" at line 1, column 48.\nWas expecting one of:\n    "and" ...\n    "orderby" ...\n    "startposition" ...\n    "maxresults" ...\n    <EOF> \n    ',
    );
  });

  it("answers a missing query with 4000", async () => {
    const answer = await t.api("GET", "/query");
    expect(answer.status).toBe(400);
    expect((answer.body as FaultAnswer).Fault.Error[0]!.code).toBe("4000");
  });
});

describe("query validation errors", () => {
  it("refuses an unknown entity with 4001", async () => {
    const { status, body } = await refused("select * from TaxService");
    expect(status).toBe(400);
    expect(body.Fault.Error[0]).toMatchObject({ Message: "Invalid query", code: "4001", Detail: "QueryValidationError: Metadata not found for Entity: TaxService" });
  });

  it("refuses an unknown property wherever it appears", async () => {
    for (const text of ["select * from Customer where NoSuchField = 'x'", "select NoSuchField from Customer", "select * from Customer orderby NoSuchField", "select * from Customer where MetaData.Nope > '2025-01-01'"]) {
      const { status, body } = await refused(text);
      expect(status, text).toBe(400);
      expect(body.Fault.Error[0], text).toMatchObject({ code: "4001", Detail: expect.stringMatching(/^QueryValidationError: Property (NoSuchField|MetaData\.Nope) not found for Entity Customer$/) });
    }
  });

  it("refuses MAXRESULTS over 1000 and accepts 1000", async () => {
    const { status, body } = await refused("select * from Customer maxresults 1001");
    expect(status).toBe(400);
    expect(body.Fault.Error[0]).toMatchObject({ Message: "Invalid query", code: "4001" });
    expect(body.Fault.Error[0]!.Detail).toContain("1001");
    const ok = await t.api("GET", `/query?query=${encodeURIComponent("select * from Customer maxresults 1000")}`);
    expect(ok.status).toBe(200);
  });

  it("refuses MAXRESULTS 0", async () => {
    expect((await refused("select * from Customer maxresults 0")).status).toBe(400);
  });
});

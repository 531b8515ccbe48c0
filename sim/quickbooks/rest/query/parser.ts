// Parses query text into a typed AST with the peggy parser generated from grammar.ts. A syntax error becomes
// QuickBooks' 4000 fault, worded like its JavaCC parser:
//   QueryParserError: Encountered " "null" "NULL "" at line 1, column 15.
//   Was expecting:
//       <IDENTIFIER> ...
// (test-fixtures/qbo/errors/exquickbooks_query_parse_error_4000.json, from `SELECT * FROM NULL`).
import peggy from "peggy";
import { faults } from "../faults";
import { GRAMMAR, KEYWORDS } from "./grammar";

export type Literal = string | number | boolean;

export type Operator = "=" | "<" | ">" | "<=" | ">=" | "IN" | "LIKE";

/** `values` holds one literal, or the list of an `IN (...)`. */
export type Condition = { field: string; op: Operator; values: Literal[] };

export type OrderItem = { field: string; direction: "ASC" | "DESC" };

export type Selection = { kind: "all" } | { kind: "count" } | { kind: "fields"; fields: string[] };

export type QueryAst = {
  selection: Selection;
  entity: string;
  where: Condition[];
  orderBy: OrderItem[];
  startPosition: number | null;
  maxResults: number | null;
};

// Generated once per process: compiling the grammar takes milliseconds, parsing a query microseconds.
const parser = peggy.generate(GRAMMAR);

export function parseQuery(text: string): QueryAst {
  try {
    // The grammar's actions build exactly the QueryAst shape above.
    return parser.parse(text) as QueryAst;
  } catch (error) {
    if (error instanceof parser.SyntaxError) throw faults.queryParse(describe(text, error));
    throw error;
  }
}

type Token = { kind: "eof" | "token" | "lexical"; start: number; name: string; image: string };

const KEYWORD_SET = new Set<string>(KEYWORDS);
const SYMBOLS = ["<=", ">=", "=", "<", ">", "(", ")", ",", "*", "."];

/** The token JavaCC would have been looking at where peggy gave up. */
function tokenAt(text: string, offset: number): Token {
  let at = offset;
  while (at < text.length && /\s/.test(text[at]!)) at++;
  const rest = text.slice(at);
  if (rest === "") return { kind: "eof", start: at, name: "<EOF>", image: "" };
  if (rest.startsWith("'")) {
    const match = /^'(?:\\[\s\S]|[^'\\])*'/.exec(rest);
    if (match) return { kind: "token", start: at, name: "<STRING>", image: match[0] };
    return { kind: "lexical", start: text.length, name: "<EOF>", image: rest };
  }
  const number = /^-?\d+(\.\d+)?/.exec(rest);
  if (number) return { kind: "token", start: at, name: number[1] ? "<DECIMAL>" : "<INTEGER>", image: number[0] };
  const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
  if (word) {
    const lower = word[0].toLowerCase();
    return { kind: "token", start: at, name: KEYWORD_SET.has(lower) ? `"${lower}"` : "<IDENTIFIER>", image: word[0] };
  }
  const symbol = SYMBOLS.find((s) => rest.startsWith(s));
  if (symbol) return { kind: "token", start: at, name: `"${symbol}"`, image: symbol };
  return { kind: "lexical", start: at, name: rest[0]!, image: "" };
}

/** JavaCC's `add_escapes`. */
function escape(text: string): string {
  const named: Record<string, string> = { "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "'": "\\'", "\\": "\\\\" };
  return [...text]
    .map((c) => {
      if (named[c]) return named[c];
      const code = c.codePointAt(0)!;
      return code < 0x20 || code > 0x7e ? `\\u${code.toString(16).padStart(4, "0")}` : c;
    })
    .join("");
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

type Expectation = InstanceType<typeof parser.SyntaxError>["expected"];

function expectations(expected: Expectation): string[] {
  const names = (expected ?? []).flatMap((e) => {
    switch (e.type) {
      case "other":
        // `order` (of `ORDER BY`) is the simulator's leniency, not a token QuickBooks would list.
        return e.description === "whitespace" || e.description === '"order"' ? [] : [e.description];
      case "literal":
        return [`"${e.text.toLowerCase()}"`];
      case "end":
        return ["<EOF>"];
      default:
        return [];
    }
  });
  return [...new Set(names)];
}

function describe(text: string, error: InstanceType<typeof parser.SyntaxError>): string {
  const token = tokenAt(text, error.location.start.offset);
  const { line, column } = position(text, token.start);
  if (token.kind === "lexical") {
    // The tokenizer fails before the parser does (an unclosed quote, a `!` or `;`), as JavaCC's TokenMgrError.
    const encountered = token.name === "<EOF>" ? "<EOF> " : `"${escape(token.name)}" (${token.name.codePointAt(0)}), `;
    return `Lexical error at line ${line}, column ${column}.  Encountered: ${encountered}after : "${escape(token.image)}"`;
  }
  const found = token.kind === "eof" ? '"<EOF>"' : `" ${token.name} "${escape(token.image)} ""`;
  const expected = expectations(error.expected);
  const heading = expected.length === 1 ? "Was expecting:" : "Was expecting one of:";
  const list = expected.map((e) => (e === "<EOF>" ? "<EOF> \n    " : `${e} ...\n    `)).join("");
  return `Encountered ${found} at line ${line}, column ${column}.\n${heading}\n    ${list}`;
}

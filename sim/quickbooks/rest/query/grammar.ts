// The QuickBooks query language as a peggy grammar, compiled once when the module loads (parser.ts).
//
//   SELECT * | count(*) | field[, field...] FROM Entity
//     [WHERE cond [AND cond]...] [ORDERBY field [ASC|DESC][, ...]] [STARTPOSITION n] [MAXRESULTS m]
//     (STARTPOSITION and MAXRESULTS in either order)
//
// Keywords are case-insensitive. `ORDER BY` is accepted as well as `ORDERBY`: Intuit's own samples use both.
// There is no OR, JOIN or GROUP BY: they fail to parse, as in QuickBooks. Rule names in angle brackets
// (`<IDENTIFIER>`, `<STRING>`) and quoted keywords (`"from"`) are the token names QuickBooks' JavaCC parser
// prints in its errors; parser.ts turns peggy's expectations into that wording. `_` is named "whitespace" so
// it can be left out of them. Keywords are whole words checked by a predicate, so `selectx` fails as a word
// ("Encountered <IDENTIFIER>"), not half-way through it.

/** Reserved words: never entity or property names (QuickBooks answers `FROM NULL` with a parse error). */
export const KEYWORDS = [
  "select", "from", "where", "and", "or", "not", "orderby", "asc", "desc", "startposition",
  "maxresults", "in", "like", "null", "true", "false", "count",
] as const;

/** `ORDER BY` reads like `ORDERBY`; `order` and `by` stay usable as names elsewhere. */
const SOFT_KEYWORDS = ["order", "by"] as const;

/** One rule per keyword, named the way JavaCC prints a keyword token: `"select"`. */
function keywordRules(): string {
  return [...KEYWORDS, ...SOFT_KEYWORDS]
    .map((k) => `K_${k.toUpperCase()} "\\"${k}\\"" = w:Word &{ return w.toLowerCase() === "${k}"; }`)
    .join("\n");
}

export const GRAMMAR = String.raw`
{{
  const RESERVED = new Set(${JSON.stringify(KEYWORDS)});
}}

// No explicit end check: peggy's own one adds <EOF> to the expectations, as JavaCC lists it.
Query
  = _ K_SELECT _ selection:Selection _ K_FROM _ entity:Identifier
    where:(_ @Where)? orderBy:(_ @OrderBy)? paging:(_ @Paging)? _
    {
      return {
        selection,
        entity,
        where: where ?? [],
        orderBy: orderBy ?? [],
        startPosition: paging?.startPosition ?? null,
        maxResults: paging?.maxResults ?? null,
      };
    }

// Either order: clients send MAXRESULTS before STARTPOSITION as often as after, and QuickBooks takes both.
Paging
  = startPosition:StartPosition maxResults:(_ @MaxResults)? { return { startPosition, maxResults }; }
  / maxResults:MaxResults startPosition:(_ @StartPosition)? { return { startPosition, maxResults }; }

Selection
  = "*" { return { kind: "all" }; }
  / K_COUNT _ "(" _ "*" _ ")" { return { kind: "count" }; }
  / head:Field tail:(_ "," _ @Field)* { return { kind: "fields", fields: [head, ...tail] }; }

Where
  = K_WHERE _ head:Condition tail:(_ K_AND _ @Condition)* { return [head, ...tail]; }

Condition
  = field:Field _ test:(InList / Like / Compare) { return { field, ...test }; }

InList
  = K_IN _ "(" _ head:Value tail:(_ "," _ @Value)* _ ")" { return { op: "IN", values: [head, ...tail] }; }

Like
  = K_LIKE _ value:String { return { op: "LIKE", values: [value] }; }

Compare
  = op:CompareOp _ value:Value { return { op, values: [value] }; }

CompareOp
  = "<=" / ">=" / "=" / "<" / ">"

OrderBy
  = (K_ORDERBY / K_ORDER _ K_BY) _ head:OrderItem tail:(_ "," _ @OrderItem)* { return [head, ...tail]; }

OrderItem
  = field:Field direction:(_ @Direction)? { return { field, direction: direction ?? "ASC" }; }

Direction
  = K_ASC { return "ASC"; }
  / K_DESC { return "DESC"; }

StartPosition
  = K_STARTPOSITION _ @Integer

MaxResults
  = K_MAXRESULTS _ @Integer

Field
  = head:Identifier tail:("." @Identifier)* { return [head, ...tail].join("."); }

Value
  = String / Decimal / SignedInteger / Boolean

Boolean
  = K_TRUE { return true; }
  / K_FALSE { return false; }

String "<STRING>"
  = "'" chars:("\\" @. / [^'\\])* "'" { return chars.join(""); }

Decimal "<DECIMAL>"
  = "-"? [0-9]+ "." [0-9]+ ![A-Za-z0-9_] { return Number(text()); }

SignedInteger "<INTEGER>"
  = "-"? [0-9]+ ![A-Za-z0-9_.] { return Number(text()); }

Integer "<INTEGER>"
  = [0-9]+ ![A-Za-z0-9_.] { return Number(text()); }

Identifier "<IDENTIFIER>"
  = word:Word !{ return RESERVED.has(word.toLowerCase()); } { return word; }

Word
  = $([A-Za-z_] [A-Za-z0-9_]*)

_ "whitespace"
  = [ \t\r\n]*

${keywordRules()}
`;

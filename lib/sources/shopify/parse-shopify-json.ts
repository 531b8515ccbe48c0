import { AppError } from "../../errors/app-error";

// Shopify ids are 64-bit integers written as bare JSON numbers, and newer ones (refund line items, order
// adjustments, shipping lines) already exceed 2^53: JSON.parse would silently round 12345678901234567890 to
// 12345678901234567000, and a refund would then point at an order that does not exist. The reviver's
// `context.source` would let us see the original digits, but Node 20 (our minimum, see package.json engines) does
// not pass it, so a small pre-pass quotes every integer literal of 16 or more digits before parsing. Sixteen digits
// is where unsafe integers begin (2^53 = 9007199254740992); quoting the few safe 16-digit ones is harmless because
// the schemas read ids as strings either way, and no Shopify amount or quantity is an integer that long.

const LONG_INTEGER = /\d{16}/;
const NUMBER_TOKEN = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;

/** Parses a Shopify webhook body, keeping integers of 16+ digits exact by turning them into strings. */
export function parseShopifyJson(raw: string | Uint8Array): unknown {
  const text = typeof raw === "string" ? raw : decodeUtf8(raw);
  const safe = LONG_INTEGER.test(text) ? quoteLongIntegers(text) : text;
  try {
    return JSON.parse(safe) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError("VALIDATION_FAILED", `The Shopify webhook body is not valid JSON (${reason}).`);
  }
}

/** Rewrites integer literals of 16+ digits outside strings as strings; leaves everything else byte for byte. */
function quoteLongIntegers(text: string): string {
  let out = "";
  let copiedUpTo = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (inString) {
      if (char === "\\") i++; // skip the escaped character, which may be a quote
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      continue;
    }
    if (char !== "-" && (char < "0" || char > "9")) continue;
    NUMBER_TOKEN.lastIndex = i;
    const match = NUMBER_TOKEN.exec(text);
    if (!match) continue; // a lone "-": JSON.parse will report it
    const token = match[0];
    const isInteger = match[1] === undefined && match[2] === undefined;
    if (isInteger && token.replace("-", "").length >= 16) {
      out += `${text.slice(copiedUpTo, i)}"${token}"`;
      copiedUpTo = i + token.length;
    }
    i += token.length - 1;
  }
  return out + text.slice(copiedUpTo);
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("VALIDATION_FAILED", "The Shopify webhook body is not valid UTF-8 text.");
  }
}

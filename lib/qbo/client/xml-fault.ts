// QuickBooks answers throttling (429, and older 403 throttles) in XML even when JSON was asked for:
//   <IntuitResponse ...><Fault type="SERVICE"><Error code="3001"><Message>…</Message><Detail>…</Detail>
//   </Error></Fault></IntuitResponse>
// A full XML parser would be a new dependency for one fixed shape, so this reads just those elements with
// plain string scanning. It does not handle CDATA, comments or namespace prefixes: Intuit's fault bodies
// use none of them.

export type XmlFault = { type: string | null; code: string | null; message: string; detail: string; element: string | null };

type Element = { attributes: Record<string, string>; inner: string };

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decode(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const amp = text.indexOf("&", i);
    const semi = amp < 0 ? -1 : text.indexOf(";", amp);
    if (amp < 0 || semi < 0) return out + text.slice(i);
    const name = text.slice(amp + 1, semi);
    let decoded = ENTITIES[name];
    if (decoded === undefined && name.startsWith("#x")) decoded = String.fromCodePoint(Number.parseInt(name.slice(2), 16) || 0xfffd);
    else if (decoded === undefined && name.startsWith("#")) decoded = String.fromCodePoint(Number.parseInt(name.slice(1), 10) || 0xfffd);
    out += text.slice(i, amp) + (decoded ?? text.slice(amp, semi + 1));
    i = semi + 1;
  }
  return out;
}

function isSpace(char: string | undefined): boolean {
  return char === " " || char === "\n" || char === "\r" || char === "\t";
}

function parseAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    while (isSpace(text[i])) i++;
    const eq = text.indexOf("=", i);
    if (eq < 0) break;
    const name = text.slice(i, eq).trim();
    let j = eq + 1;
    while (isSpace(text[j])) j++;
    const quote = text[j];
    if (quote !== '"' && quote !== "'") break;
    const close = text.indexOf(quote, j + 1);
    if (close < 0) break;
    attributes[name] = decode(text.slice(j + 1, close));
    i = close + 1;
  }
  return attributes;
}

/** The first `<name ...>…</name>` (or `<name/>`) in `xml`, or null. */
function findElement(xml: string, name: string): Element | null {
  let from = 0;
  while (from < xml.length) {
    const start = xml.indexOf(`<${name}`, from);
    if (start < 0) return null;
    const after = xml[start + name.length + 1];
    // `<Fault` must not match `<FaultDetail`.
    if (after !== ">" && after !== "/" && !isSpace(after)) {
      from = start + 1;
      continue;
    }
    const openEnd = xml.indexOf(">", start);
    if (openEnd < 0) return null;
    const selfClosing = xml[openEnd - 1] === "/";
    const attributes = parseAttributes(xml.slice(start + name.length + 1, selfClosing ? openEnd - 1 : openEnd));
    if (selfClosing) return { attributes, inner: "" };
    const close = xml.indexOf(`</${name}>`, openEnd);
    return { attributes, inner: close < 0 ? xml.slice(openEnd + 1) : xml.slice(openEnd + 1, close) };
  }
  return null;
}

function textOf(xml: string, name: string): string {
  const element = findElement(xml, name);
  return element ? decode(element.inner).trim() : "";
}

/** The fault in an XML body, or null when the body holds no `<Fault>`. */
export function parseXmlFault(xml: string): XmlFault | null {
  const fault = findElement(xml, "Fault");
  if (!fault) return null;
  const error = findElement(fault.inner, "Error");
  return {
    type: fault.attributes.type ?? null,
    code: error?.attributes.code ?? null,
    element: error?.attributes.element ?? null,
    message: error ? textOf(error.inner, "Message") : "",
    detail: error ? textOf(error.inner, "Detail") : "",
  };
}

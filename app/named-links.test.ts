import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAIN_NAV, SETTINGS_NAV } from "@/components/shell/workspace-nav";

// Every place the docs, the README, the pages and the error messages send a person must exist (issue 17: they
// said "Settings › API keys" while that was a 404). Two kinds of reference are checked against the files under
// app/: "Settings › <section>" by the settings navigation's labels, and `/w/<slug>/…` paths segment by segment.

const ROOT = path.resolve(import.meta.dirname, "..");
const APP_W = path.join(ROOT, "app", "w");
const SOURCES = ["app", "components", "lib", "inngest", "docs", "README.md", "CONTRIBUTING.md"];

/** Settings pages of other products that our text names (where Shopify shows an app's webhook signing key). */
const ELSEWHERE = ["Notifications › Webhooks"];

type Text = { file: string; text: string };

function files(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [entry];
  return readdirSync(full, { withFileTypes: true }).flatMap((child) =>
    child.name === "node_modules" || child.name === "generated" ? [] : files(path.join(entry, child.name)),
  );
}

const texts: Text[] = SOURCES.flatMap(files)
  .filter((file) => /\.(ts|tsx|md|mdx)$/.test(file) && !/\.test\.tsx?$/.test(file))
  .map((file) => ({ file, text: readFileSync(path.join(ROOT, file), "utf8") }));

const lineOf = (text: string, index: number) => text.slice(0, index).split("\n").length;

/** "Settings › API keys" -> app/w/[slug]/settings/api-keys/page.tsx, from the navigation the pages are built from. */
const SETTINGS_PAGES = new Map(SETTINGS_NAV.map((item) => [item.label, `app/w/[slug]${item.href}/page.tsx`]));

/** The file under app/w that serves `/w/<segments>`, or null. Dynamic folders ([slug], [id]) take any value. */
function pageFor(segments: string[]): string | null {
  let dir = APP_W;
  for (const segment of segments) {
    const children = readdirSync(dir, { withFileTypes: true });
    // A file named in a comment (`/w/[slug]/layout.tsx`) is checked as the file itself.
    if (/\.tsx?$/.test(segment)) return children.some((c) => c.isFile() && c.name === segment) ? path.join(dir, segment) : null;
    const literal = !segment.startsWith("${") && !segment.startsWith("<") && !segment.startsWith("[") && children.find((c) => c.isDirectory() && c.name === segment);
    const dynamic = children.find((c) => c.isDirectory() && /^\[[^\]]+\]$/.test(c.name));
    const next = literal || dynamic;
    if (!next) return null;
    dir = path.join(dir, next.name);
  }
  const page = path.join(dir, "page.tsx");
  return existsSync(page) ? page : null;
}

describe("links the text names", () => {
  it("maps each settings section to its page", () => {
    expect(SETTINGS_PAGES.get("API keys")).toBe("app/w/[slug]/settings/api-keys/page.tsx");
    for (const [label, page] of SETTINGS_PAGES) expect(existsSync(path.join(ROOT, page)), `Settings › ${label}`).toBe(true);
    for (const item of MAIN_NAV) expect(pageFor(["[slug]", ...item.href.split("/").filter(Boolean)]), `${item.label}: /w/<slug>${item.href}`).not.toBeNull();
  });

  it("names only settings sections that exist, always with ›", () => {
    const labels = [...SETTINGS_PAGES.keys(), ...ELSEWHERE].sort((a, b) => b.length - a.length);
    const problems: string[] = [];
    let found = 0;
    for (const { file, text } of texts) {
      // A bare ">" counts only between spaces: "Settings>" is the end of a tag.
      for (const match of text.matchAll(/\bSettings(\s*(?:›|→|->|»|&gt;)\s*|\s+>\s+)([\s\S]{0,60})/g)) {
        found += 1;
        const where = `${file}:${lineOf(text, match.index)}: "${match[0].split("\n")[0]!.trim()}"`;
        if (match[1]!.trim() !== "›") problems.push(`${where} uses "${match[1]!.trim()}"; the app writes "Settings › …"`);
        const rest = match[2]!.replace(/\s+/g, " ").toLowerCase();
        if (!labels.some((label) => rest.startsWith(label.toLowerCase()))) problems.push(`${where} names no settings page (${[...SETTINGS_PAGES.keys()].join(", ")})`);
      }
    }
    expect(problems).toEqual([]);
    expect(found).toBeGreaterThan(3); // the search itself still finds what it is meant to
  });

  it("sends people only to /w/<slug>/… paths that have a page", () => {
    const problems: string[] = [];
    let found = 0;
    // Not the API's /api/w/…: those are routes, checked by their own tests.
    const pattern = /(?<![\w/]api)\/w\/((?:\$\{[^}]+\}|<slug>|\[slug\]|[\w-]+)(?:\/(?:\$\{[^}]+\}|[\w.[\]-]+))*)/g;
    for (const { file, text } of texts) {
      for (const match of text.matchAll(pattern)) {
        found += 1;
        const segments = match[1]!.replace(/\.+$/, "").split("/");
        if (!pageFor(segments)) problems.push(`${file}:${lineOf(text, match.index)}: /w/${match[1]} has no page under app/w`);
      }
    }
    expect(problems).toEqual([]);
    expect(found).toBeGreaterThan(10);
  });
});

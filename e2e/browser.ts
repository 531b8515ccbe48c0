import { existsSync } from "node:fs";
import { chromium, type LaunchOptions } from "@playwright/test";

// The system's Chromium when present (machines without the internet cannot download Playwright's), else
// Playwright's own browser, else a one-line instruction.
const SYSTEM_CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

// Without the networking flags Chromium keeps calling home, which floods a closed network with refused
// connections and slows every page.
const QUIET_FLAGS = [
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export function chromiumLaunchOptions(): LaunchOptions {
  const args = [...QUIET_FLAGS, ...(process.getuid?.() === 0 ? ["--no-sandbox"] : [])];
  const system = SYSTEM_CHROMIUM.find((candidate) => existsSync(candidate));
  if (system) return { executablePath: system, args };
  if (existsSync(chromium.executablePath())) return { args };
  throw new Error(
    "No Chromium found for the end-to-end tests: install one with `sudo apt-get install chromium` or `npx playwright install chromium`.",
  );
}

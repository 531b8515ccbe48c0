// `npm run bench -- NAME` runs bench/NAME (bench/NAME.ts or bench/NAME/index.ts). Each benchmark prints its
// figures as one JSON object on its last line; docs/BENCHMARKS.md records them with the command behind them.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

const name = process.argv[2];
const candidates = name ? [path.join("bench", `${name}.ts`), path.join("bench", name, "index.ts")] : [];
const entry = candidates.find((file) => existsSync(file));

if (!entry) {
  const available = existsSync("bench")
    ? readdirSync("bench").filter((f) => f.endsWith(".ts") || existsSync(path.join("bench", f, "index.ts"))).map((f) => f.replace(/\.ts$/, ""))
    : [];
  console.error(
    name ? `No benchmark named "${name}".` : "Name a benchmark: npm run bench -- NAME.",
    available.length ? `Available: ${available.join(", ")}.` : "There are no benchmarks yet.",
  );
  process.exit(2);
}

const child = spawn(path.resolve("node_modules", ".bin", "tsx"), [entry, ...process.argv.slice(3)], { stdio: "inherit" });
child.on("exit", (code) => process.exit(code ?? 1));

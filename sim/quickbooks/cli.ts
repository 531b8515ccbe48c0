// `npm run sim:qbo -- --port 4010 [--state-file FILE] [--config FILE]` serves the simulator until stopped.
// --config names a JSON file { "apps": [...], "companies": [...], "limits": {...} } (see README.md).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startQboSim, type QboSimOptions } from "./index";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    host: { type: "string", default: "127.0.0.1" },
    "state-file": { type: "string" },
    config: { type: "string" },
    "public-url": { type: "string" },
    speed: { type: "string" },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port expects a port number (0-65535), got "${values.port}".`);
let config: Partial<QboSimOptions> = {};
if (values.config) {
  try {
    config = JSON.parse(readFileSync(values.config, "utf8")) as Partial<QboSimOptions>;
  } catch (error) {
    fail(`--config ${values.config}: ${(error as Error).message}`);
  }
}
const speed = values.speed === undefined ? undefined : Number(values.speed);
if (speed !== undefined && !(speed > 0)) fail(`--speed expects a number greater than 0, got "${values.speed}".`);

try {
  const sim = await startQboSim({
    ...config,
    port,
    host: values.host,
    stateFile: values["state-file"],
    publicUrl: values["public-url"],
    clock: speed ? { speed } : config.clock,
  });
  console.log(`QuickBooks simulator listening on ${sim.url}`);
  const stop = async () => {
    await sim.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  fail(code === "EADDRINUSE" ? `Port ${port} is in use: pass another with --port.` : `The QuickBooks simulator could not start: ${(error as Error).message}`);
}

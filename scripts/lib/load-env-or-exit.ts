import { EnvError, loadEnv, type Env } from "../../lib/env";

/** For one-shot commands: the validated environment, or its one-line problems and exit code 1. */
export function loadEnvOrExit(): Env {
  try {
    return loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

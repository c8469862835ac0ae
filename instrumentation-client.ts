import { config } from "zod/v4/core";

// zod compiles object parsers with `new Function` where it may, and probes for it on first use; the
// pages' Content Security Policy (proxy.ts) forbids eval, so the probe alone would be reported as a
// violation. Parse without compiling, before any component runs.
config({ jitless: true });

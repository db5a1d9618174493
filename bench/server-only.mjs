// The bench builds the history index in its own process (tsx, outside Next's bundler): there, as in
// server.ts, the `server-only` marker that guards SQL modules is empty. Loaded with `tsx --import`.
import { register } from "node:module";

register("../lib/server-only-hook.mjs", import.meta.url);

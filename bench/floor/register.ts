import { register } from "node:module";

register("./hooks.ts", import.meta.url);

import { inject, it } from "vitest";
import { codegen } from "./codegen";

it("lib/db/schema matches the DDL in sql/ (regenerate with `npm run db:types`)", async () => {
  await codegen(inject("serverUrl"), true);
});

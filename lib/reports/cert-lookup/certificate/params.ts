import { z } from "zod";
import { known } from "../../../params/known";
import { parseCertificateId } from "./parse-id";

/** The certificate page's one parameter: which certificate (the path's tracking number; one nobody has is a 404). */
export const certificatePageParams = z.object({
  id: known(
    z
      .string({ error: "is required" })
      .transform((text, ctx): number => {
        const id = parseCertificateId(text);
        if (id === undefined) {
          ctx.addIssue({ code: "custom", message: "must be a tracking number (C-123 or 123)" });
          return z.NEVER;
        }
        return id;
      })
      .describe("The certificate's tracking number, C-123 or 123 (from the page's path)"),
    "certificate",
    { path: true },
  ),
});

export type CertificatePageParams = z.output<typeof certificatePageParams>;

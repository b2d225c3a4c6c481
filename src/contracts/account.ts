// A person's own account settings, the same in every practice they belong to.
import { z } from "zod";

export const emailPreferences = z
  .object({
    optionalEmails: z.boolean({ error: "Say whether you want the emails that are not essential." }).meta({
      description:
        "Emails that are not essential (a post to approve, a security review due). Essential ones (a post that failed, a channel to reconnect, a leaver's access) are always sent.",
    }),
  })
  .meta({ title: "EmailPreferences" });

// The session and the practice: who you are, which practices you belong to and what you may do in each.
import { z } from "zod";
import { allowedOf, role } from "./common";

export const sessionPractice = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    roles: z.array(role),
    allowed: allowedOf("practice"),
  })
  .meta({ title: "SessionPractice" });

export const practiceResponse = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    settings: z.record(z.string(), z.unknown()),
    myRoles: z.array(role),
    allowed: allowedOf("practice"),
  })
  .meta({ title: "Practice" });

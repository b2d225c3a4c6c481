import { loadEmailPreferences, saveEmailPreferences } from "../../app/users/email-preferences";
import { emailPreferences } from "../../contracts/account";
import { requireUser } from "../auth";
import { parse } from "../validate";
import type { RouteModule } from "./index";

/** A person's own settings: which emails they get. */
export const accountRoutes: RouteModule = (app, ctx) => {
  app.get("/api/account/emails", async (req) => loadEmailPreferences(ctx, requireUser(req).userId));
  app.put("/api/account/emails", async (req) =>
    saveEmailPreferences(ctx, requireUser(req).userId, parse(emailPreferences, req.body)),
  );
};

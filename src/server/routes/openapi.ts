import pkg from "../../../package.json" with { type: "json" };
import { openApiDocument } from "../../contracts/openapi";
import { requireUser } from "../auth";
import type { RouteModule } from "./index";

/** GET /api/openapi.json: the API described from its shared contracts (signed-in members, like the API itself). */
export const openApiRoutes: RouteModule = (app) => {
  let doc: Record<string, unknown> | null = null;
  app.get("/api/openapi.json", async (req) => {
    requireUser(req);
    doc ??= openApiDocument(pkg.version);
    return doc;
  });
};

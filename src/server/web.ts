import type { FastifyInstance } from "fastify";
import fastifyStatic from "@fastify/static";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { AppError } from "../core/errors";
import { errorBody } from "./errors";

/** Serves the built single-page app; any unknown non-API GET returns index.html so client routes work. */
export async function installWeb(app: FastifyInstance, webRoot: string): Promise<void> {
  const root = resolve(webRoot);
  if (!existsSync(join(root, "index.html"))) {
    app.log.warn("the web app is not built (run npm run build); only the API is served");
    return;
  }
  await app.register(fastifyStatic, { root, prefix: "/", wildcard: false, index: ["index.html"] });
  // A catch-all route rather than a second not-found handler: errors.ts already owns that one, and Fastify
  // allows only one. Static files and API routes are more specific, so they still win.
  app.get("/*", (req, reply) => {
    const path = req.url.split("?")[0] ?? "";
    if (
      req.method === "GET" &&
      !path.startsWith("/api/") &&
      !path.startsWith("/p/") &&
      !/\.[a-z0-9]+$/i.test(path)
    ) {
      return reply.type("text/html").sendFile("index.html");
    }
    return reply
      .status(404)
      .send(errorBody(new AppError("not-found", `There is nothing at ${req.method} ${path}.`)));
  });
}

// Platform webhooks (issue 10): public addresses the platforms call, each proving itself by its own signature.
import { receiveFacebookWebhook, verifyFacebookSubscription } from "../../app/inbox/facebook-webhook";
import { facebookVerifyQuery } from "../../contracts/inbox";
import { parse } from "../validate";
import type { RouteModule } from "./index";

/** The most a webhook body may be (Meta batches changes; a few hundred kilobytes at most). */
const WEBHOOK_MAX_BYTES = 1024 * 1024;

export const webhookRoutes: RouteModule = (app, ctx) => {
  app.get("/api/webhooks/facebook", async (req, reply) => {
    const q = parse(facebookVerifyQuery, req.query);
    const challenge = verifyFacebookSubscription(ctx, {
      mode: q["hub.mode"],
      token: q["hub.verify_token"],
      challenge: q["hub.challenge"],
    });
    return reply.type("text/plain; charset=utf-8").send(challenge);
  });

  // The signature covers the exact bytes, so this route reads the body unparsed.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: WEBHOOK_MAX_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    scope.post("/api/webhooks/facebook", async (req) => {
      const signature = req.headers["x-hub-signature-256"];
      return receiveFacebookWebhook(
        ctx,
        Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        typeof signature === "string" ? signature : undefined,
      );
    });
  });
};

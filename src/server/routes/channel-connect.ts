import { z } from "zod";
import {
  listAppCredentials,
  removeAppCredentials,
  saveAppCredentials,
} from "../../app/channels/app-credentials";
import {
  CONNECT_CALLBACK_PATH,
  ConnectRefused,
  finishConnect,
  startConnect,
} from "../../app/channels/connect";
import { connectBluesky } from "../../app/channels/connect-bluesky";
import {
  appCredentialsRequest,
  appPlatformParams,
  blueskyConnectRequest,
  connectedMessage,
} from "../../contracts/channel-connect";
import { practiceParams } from "../../contracts/common";
import { isUuid } from "../../core/ids";
import { requireMember } from "../auth";
import { parse } from "../validate";
import type { RouteModule } from "./index";

const apps = "/api/practices/:practiceId/channel-apps";
const FINISH_PATH = `${CONNECT_CALLBACK_PATH}/finish`;

const channelsPage = (practiceId: string | null, query: string) =>
  practiceId && isUuid(practiceId) ? `/practice/${practiceId}/channels?${query}` : `/practices?${query}`;

/** Where a refused connection sends the browser (anything unexpected is passed on as a 500). */
function refusalTarget(err: unknown, practiceId: string | null): string {
  if (err instanceof ConnectRefused)
    return channelsPage(err.practiceId ?? practiceId, `connect=${err.reason}`);
  throw err;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Connecting channels: the practice's own platform apps (admin), and the OAuth start and callback. */
export const channelConnectRoutes: RouteModule = (app, ctx) => {
  app.get(apps, async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    await requireMember(ctx, req, practiceId, "edit-settings");
    return { apps: await listAppCredentials(ctx, practiceId) };
  });

  app.put(`${apps}/:platform`, async (req) => {
    const p = parse(appPlatformParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "edit-settings");
    const body = parse(appCredentialsRequest, req.body);
    return saveAppCredentials(ctx, {
      practiceId: p.practiceId,
      actorId: me.userId,
      platform: p.platform,
      clientId: body.clientId,
      ...(body.clientSecret === undefined ? {} : { clientSecret: body.clientSecret }),
    });
  });

  app.delete(`${apps}/:platform`, async (req, reply) => {
    const p = parse(appPlatformParams, req.params);
    const me = await requireMember(ctx, req, p.practiceId, "edit-settings");
    await removeAppCredentials(ctx, { practiceId: p.practiceId, actorId: me.userId, platform: p.platform });
    return reply.status(204).send();
  });

  /** Bluesky connects with an app password the admin enters, checked with Bluesky before anything is kept. */
  app.post("/api/practices/:practiceId/channels/bluesky", async (req, reply) => {
    const { practiceId } = parse(practiceParams, req.params);
    const me = await requireMember(ctx, req, practiceId);
    const body = parse(blueskyConnectRequest, req.body);
    const connected = await connectBluesky(ctx, {
      practiceId,
      userId: me.userId,
      handle: body.handle,
      appPassword: body.appPassword,
      service: body.service,
      channelId: body.channelId,
    });
    return reply.status(201).send({
      channelId: connected.channelId,
      kind: connected.kind,
      name: connected.name,
      message: connectedMessage(connected.name),
    });
  });

  /** A full-page visit from the channels page: on to the platform's sign-in, or back with a reason. */
  app.get("/api/practices/:practiceId/channels/connect/:kind", async (req, reply) => {
    const p = parse(z.object({ practiceId: z.string(), kind: z.string().max(40) }), req.params);
    const q = parse(
      z.object({ channel: z.string().max(64).optional(), instance: z.string().max(300).optional() }),
      req.query,
    );
    void reply.header("cache-control", "no-store");
    if (!req.auth) return reply.redirect("/sign-in", 302);
    try {
      const started = await startConnect(ctx, {
        practiceId: p.practiceId,
        userId: req.auth.userId,
        kind: p.kind,
        channelId: q.channel,
        instance: q.instance,
      });
      return reply.redirect(started.url, 302);
    } catch (err) {
      return reply.redirect(refusalTarget(err, null), 302);
    }
  });

  /**
   * The platform's answer arrives as a cross-site navigation, which does not carry the session cookie
   * (SameSite=Strict). This page moves the browser on to the same answer from safepost's own page, a same-site
   * navigation that does carry it; nothing is done here.
   */
  app.get(CONNECT_CALLBACK_PATH, async (req, reply) => {
    const query = new URLSearchParams(req.query as Record<string, string>).toString();
    const next = escapeHtml(`${FINISH_PATH}?${query}`);
    return reply
      .header("cache-control", "no-store")
      .header("referrer-policy", "no-referrer")
      .type("text/html; charset=utf-8")
      .send(
        `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=${next}"><title>Connecting… – safepost</title></head><body><p>Finishing the connection… <a href="${next}">Continue</a></p></body></html>`,
      );
  });

  app.get(FINISH_PATH, async (req, reply) => {
    void reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer");
    if (!req.auth) return reply.redirect("/sign-in", 302);
    const query = new URLSearchParams(req.query as Record<string, string>);
    try {
      const done = await finishConnect(ctx, { userId: req.auth.userId, query });
      return reply.redirect(channelsPage(done.practiceId, `connected=${done.channelId}`), 302);
    } catch (err) {
      return reply.redirect(refusalTarget(err, null), 302);
    }
  });
};

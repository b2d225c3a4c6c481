// A real Bluesky Personal Data Server for the tests: the atproto reference implementation, started the way
// atproto's own tests start it (@atproto/dev-env's TestNetworkNoAppView: a PLC directory and one PDS, no
// AppView). The reference servers listen on a port of their choosing on every interface; while they start,
// a listen given only a port is held to 127.0.0.1, so nothing here is reachable from another machine.
import { randomUUID } from "node:crypto";
import { Server } from "node:http";
import { AtpAgent } from "@atproto/api";
import { TestNetworkNoAppView } from "@atproto/dev-env";

type Listen = (...args: unknown[]) => unknown;

/** Starts a PLC directory and a PDS on 127.0.0.1. One per test file: it takes a few seconds. */
export async function startPds(
  /** An AppView for the PDS to proxy app.bsky calls to (the inbox tests' notification index). */
  appView?: { url: string; did: string },
  /** The moderation service the PDS sends reports to (com.atproto.moderation.createReport). */
  reportService?: { url: string; did: string },
): Promise<TestNetworkNoAppView> {
  const original = Server.prototype.listen as Listen;
  Server.prototype.listen = function (this: Server, ...args: unknown[]) {
    if (typeof args[0] === "number" && (args.length === 1 || typeof args[1] === "function"))
      return original.call(this, args[0], "127.0.0.1", ...args.slice(1));
    return original.apply(this, args);
  } as typeof Server.prototype.listen;
  try {
    return await TestNetworkNoAppView.create({
      pds: {
        ...(appView ? { bskyAppViewUrl: appView.url, bskyAppViewDid: appView.did } : {}),
        ...(reportService
          ? { reportServiceUrl: reportService.url, reportServiceDid: reportService.did }
          : {}),
      },
    });
  } finally {
    Server.prototype.listen = original as typeof Server.prototype.listen;
  }
}

/**
 * The practice's account on the server, signed in, with an app password named "safepost": what a practice
 * manager creates on Bluesky and gives safepost to connect it.
 */
export async function practiceAccount(
  pdsUrl: string,
  handle: string,
  email: string,
): Promise<{ owner: AtpAgent; did: string; appPassword: string }> {
  const owner = new AtpAgent({ service: pdsUrl });
  await owner.createAccount({ handle, email, password: `owner-${randomUUID()}` });
  const { password } = (await owner.com.atproto.server.createAppPassword({ name: "safepost" })).data;
  return { owner, did: owner.session!.did, appPassword: password };
}

/**
 * Issue 12, defects 8, 9 and 17: a 304 nobody asked for, feed addresses the pane's CSP would block,
 * and the timeout's wording, against a real local HTTP feed.
 */
import { readFileSync } from "fs";
import { join } from "path";
import {
  FeedError,
  fetchFeed,
  formatSeconds,
  HTTP_FEED_HOSTS,
  parseFeedUrl,
} from "../../src/core/dataset/feed";
import { startFeedServer } from "../support/feed-server";

let server: Awaited<ReturnType<typeof startFeedServer>>;
beforeAll(async () => {
  server = await startFeedServer({
    "/always-304.json": (_req, res) => res.writeHead(304, { etag: '"x"' }).end(),
    "/hang.json": () => undefined,
  });
});
afterAll(() => server.close());

describe("defect 8: a 304 to a request that carried no ETag", () => {
  test("is an error, not 'already up to date'", async () => {
    const failure = await fetchFeed({ url: `${server.url}/always-304.json` }).catch(
      (error: unknown) => error
    );
    expect(failure).toBeInstanceOf(FeedError);
    expect(failure).toMatchObject({
      failure: "http",
      message: expect.stringMatching(
        /^The feed answered HTTP 304 Not Modified to a request that named no version/
      ),
    });
  });

  test("answers a conditional request as 'not modified'", async () => {
    await expect(fetchFeed({ url: `${server.url}/always-304.json`, etag: '"x"' })).resolves.toEqual(
      { kind: "not-modified" }
    );
  });
});

describe("defect 9: the feed address rules and the pane's CSP agree", () => {
  const html = readFileSync(join(__dirname, "../../src/taskpane/taskpane.html"), "utf8");
  const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? "";
  const connect = (/connect-src ([^;]+)/.exec(csp)?.[1] ?? "").trim().split(/\s+/);

  test("the CSP lets the pane connect over https and to every http host the rules accept", () => {
    expect(connect).toContain("https:");
    for (const host of HTTP_FEED_HOSTS) {
      expect(parseFeedUrl(`http://${host}:8080/m.json`)).toBeInstanceOf(URL);
      expect(connect).toContain(`http://${host}:*`);
    }
    // And no http source the rules would refuse.
    const httpSources = connect.filter((source) => source.startsWith("http://"));
    expect(httpSources).toEqual(HTTP_FEED_HOSTS.map((host) => `http://${host}:*`));
  });

  test("http://[::1] (which a CSP source cannot name) is refused with the hosts that work", () => {
    const refused = parseFeedUrl("http://[::1]:3000/minerals.json");
    expect(refused).toBeInstanceOf(FeedError);
    expect((refused as FeedError).message).toBe(
      "Feeds must use https (http is allowed only for localhost and 127.0.0.1): http://[::1]:3000/minerals.json"
    );
  });
});

describe("defect 17: timeout text", () => {
  test.each([
    [300, "0.3 s"],
    [1000, "1.0 s"],
    [9500, "9.5 s"],
    [10_000, "10 s"],
    [30_000, "30 s"],
  ])("%d ms reads %s", (ms, text) => {
    expect(formatSeconds(ms)).toBe(text);
  });

  test("a feed that does not answer within 0.25 s says so with one decimal", async () => {
    await expect(
      fetchFeed({ url: `${server.url}/hang.json`, timeoutMs: 250 })
    ).rejects.toMatchObject({
      failure: "timeout",
      message: `The feed did not answer within 0.3 s: ${server.url}/hang.json`,
    });
  });
});

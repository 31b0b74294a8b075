import { createHash } from "crypto";
import { existsSync, readdirSync, readFileSync } from "fs";
import { join } from "path";
import { runInNewContext } from "vm";
import { loadDatasetText } from "../src/core/dataset/load";
import { loadManifestBundle } from "../src/core/dataset/manifest-load";
import { PRODUCTION_ORIGIN, testDist } from "./support/test-dist";

/**
 * The real production build, as `npm run build` makes it for an organisation's host: every file the
 * add-in needs, metadata generated from JSDoc (compared with a golden copy), every dev URL rewritten,
 * and a functions bundle that registers working formulas. The build is made once per jest run, with
 * ADDIN_ORIGIN set, by test/support/global-build.ts.
 */
const ROOT = join(__dirname, "..");
const out = testDist();
const read = (file: string) => readFileSync(join(out, file), "utf8");

test.each([
  "taskpane.html",
  "taskpane.js",
  "taskpane.css",
  "functions.js",
  "functions.json",
  "manifest.xml",
  "assets/icon-16.png",
  "assets/icon-32.png",
  "assets/icon-80.png",
  "data/minerals.json",
  "data/minerals.schema.json",
  "data/minerals.manifest.json",
  "data/minerals.observations.arrow",
  "data/minerals.manifest.schema.json",
])("dist has %s", (file) => {
  expect(existsSync(join(out, file))).toBe(true);
});

test("functions.json is generated from the JSDoc and matches the golden copy", () => {
  // To accept an intended metadata change: npm run build && cp dist/functions.json test/golden/functions.json
  const golden = JSON.parse(readFileSync(join(__dirname, "golden", "functions.json"), "utf8"));
  expect(JSON.parse(read("functions.json"))).toEqual(golden);
});

test("every dev URL in the manifest is rewritten to the production origin", () => {
  const source = readFileSync(join(ROOT, "manifest.xml"), "utf8");
  const built = read("manifest.xml");
  const devCount = source.split("https://localhost:3000/").length - 1;
  expect(devCount).toBeGreaterThan(1);
  expect(built).not.toMatch(/localhost/);
  expect(built.split(PRODUCTION_ORIGIN).length - 1).toBe(devCount);
  expect(built).toContain("<AppDomain>https://addins.example.org</AppDomain>");
});

test("the published dataset is the compiled one, with its schema", () => {
  const published = JSON.parse(read("data/minerals.json"));
  expect(published).toEqual(JSON.parse(readFileSync(join(ROOT, "build", "minerals.json"), "utf8")));
  expect(published.hash).toMatch(/^[0-9a-f]{64}$/);
  expect(JSON.parse(read("data/minerals.schema.json")).title).toBe("Minerals for Excel dataset");
});

test("the task pane page loads office.js from the CDN, then the functions, then the pane", () => {
  const html = read("taskpane.html");
  const scripts = [...html.matchAll(/<script[^>]*src=["']?([^"' >]+)/g)].map((m) => m[1]);
  expect(scripts).toEqual([
    "https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
    "functions.js",
    "taskpane.js",
  ]);
  expect(html).toMatch(/Content-Security-Policy/);
  expect(html).not.toMatch(/<script>(?!<)/);
});

test("nothing shipped carries eval or new Function (the pane's CSP forbids them)", () => {
  const scripts = readdirSync(out).filter((f) => f.endsWith(".js"));
  expect(scripts).toEqual(
    expect.arrayContaining(["functions.js", "taskpane.js", "dataset-worker.js"])
  );
  for (const file of scripts) {
    expect({ file, found: read(file).match(/\beval\(|new Function\(|\bFunction\(/)?.[0] }).toEqual({
      file,
      found: undefined,
    });
  }
});

test("format 2 is published beside format 1: the manifest states its part's SHA-256 and length, and loads the same dataset", async () => {
  const manifestBytes = readFileSync(join(out, "data", "minerals.manifest.json"));
  const manifest = JSON.parse(manifestBytes.toString("utf8"));
  expect(manifestBytes).toEqual(readFileSync(join(ROOT, "build", "minerals.manifest.json")));
  expect(manifest.format_version).toBe(2);
  const parts = manifest.parts.map((p: { path: string; sha256: string; bytes: number }) => {
    const bytes = readFileSync(join(out, "data", p.path));
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(p.sha256);
    expect(bytes.byteLength).toBe(p.bytes);
    return {
      path: p.path,
      bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    };
  });
  const v2 = await loadManifestBundle({
    manifest: manifestBytes.buffer.slice(
      manifestBytes.byteOffset,
      manifestBytes.byteOffset + manifestBytes.byteLength
    ),
    parts,
  });
  const v1 = await loadDatasetText(read("data/minerals.json"));
  expect(v2.dataset.exports).toEqual(v1.dataset.exports);
  expect(v2.dataset.hash).toBe(createHash("sha256").update(manifestBytes).digest("hex"));
  expect(JSON.parse(read("data/minerals.manifest.schema.json")).title).toMatch(/format 2/);
});

test("the functions bundle registers every formula of the catalogue, answering from the embedded dataset offline", () => {
  const registered = new Map<string, (...args: unknown[]) => void>();
  const sandbox: Record<string, unknown> = {
    CustomFunctions: {
      ...CustomFunctions,
      associate: (id: string, fn: (...args: unknown[]) => void) => registered.set(id, fn),
    },
  };
  // The browser globals the bundle relies on; nothing else of Node is visible to it.
  Object.assign(sandbox, { URL, TextEncoder, TextDecoder, setTimeout, clearTimeout });
  sandbox.self = sandbox;
  runInNewContext(read("functions.js"), sandbox);
  // Every id in the generated metadata is registered by the bundle, and nothing else.
  const ids = (JSON.parse(read("functions.json")) as { functions: { id: string }[] }).functions.map(
    (f) => f.id
  );
  expect([...registered.keys()].sort()).toEqual([...ids].sort());
  expect(ids.sort()).toEqual(
    [
      "CHANGE",
      "COMMODITY",
      "CONTROLS",
      "DATAVERSION",
      "EVENTS",
      "EXPORT",
      "FORECAST",
      "IMPORT",
      "INDICATOR",
      "LIST",
      "PRODUCTION",
      "RESERVES",
      "SERIES",
      "SHARE",
      "SOURCE",
      "TOP",
    ].sort()
  );

  const results: unknown[] = [];
  const invocation = { setResult: (v: unknown) => results.push(v) };
  registered.get("EXPORT")!("magnets", "US", "2025-11", null, null, invocation);
  registered.get("EXPORT")!("gallium", "Japan", "2025-06", "t", null, invocation);
  registered.get("FORECAST")!("lithium", 2026, null, null, null, invocation);
  registered.get("EXPORT")!("magnium", "US", "2025-11", null, null, invocation);
  expect(results.slice(0, 3)).toEqual([582, 2.004, 17000]);
  expect(results[3]).toMatchObject({
    code: "#VALUE!",
    message: "Unknown commodity 'magnium'. Did you mean 'magnets'?",
  });
  registered.get("SERIES")!("magnets", "US", null, null, null, null, invocation);
  expect(results[4]).toEqual([
    ["Period", "Quantity (t)"],
    ["2025-06", 353],
    ["2025-10", 656],
    ["2025-11", 582],
  ]);
  // A card from the bundle: an entity whose figures match the formulas'.
  const card: { setResult: (v: unknown) => void; onCanceled?: () => void } = {
    setResult: (v: unknown) => results.push(v),
  };
  registered.get("COMMODITY")!("magnets", card);
  card.onCanceled?.();
  expect(results[5]).toMatchObject({
    type: "Entity",
    text: "Rare-earth permanent magnets",
    properties: { TopPartnerExports: { type: "Double", basicValue: 582 } },
  });
});

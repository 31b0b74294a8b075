/**
 * The functions bundle's budget: at most 50 KB gzip of code, not counting the dataset it embeds
 * (bench/bundle.ts measures how: the embedded JSON.parse('…') literal, checked to be the dataset,
 * is cut out and the rest gzipped). Sizes are deterministic, so unlike timings they are asserted.
 *
 * Uses the production build jest's globalSetup makes in build/test-dist when it is at least as new
 * as everything it is built from; otherwise builds into a temporary folder.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { buildProduction, measureBundle, ROOT, withoutEmbeddedDataset } from "../bench/bundle";
import { TARGETS } from "../bench/defaults";

const SHARED_BUILD = join(ROOT, "build", "test-dist");

/** Newest modification time among the build's inputs. */
function newestInput(): number {
  let newest = 0;
  const visit = (path: string) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const input of [
    "src",
    "assets",
    "build/minerals.json",
    "build/minerals.schema.json",
    "webpack.config.js",
    "package-lock.json",
    "tsconfig.json",
  ])
    visit(join(ROOT, input));
  return newest;
}

function freshSharedBuild(): string | undefined {
  const built = statSync(join(SHARED_BUILD, "functions.js"), { throwIfNoEntry: false });
  return built && built.mtimeMs >= newestInput() ? SHARED_BUILD : undefined;
}

let dir: string;
let own: string | undefined;

beforeAll(() => {
  const shared = freshSharedBuild();
  if (shared) dir = shared;
  else {
    own = dir = mkdtempSync(join(tmpdir(), "minerals-bundle-size-"));
    buildProduction(own);
  }
}, 300_000);

afterAll(() => {
  if (own) rmSync(own, { recursive: true, force: true });
});

test("the functions code is at most 50 KB gzip without the embedded dataset", () => {
  const sizes = measureBundle(dir);
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  process.stdout.write(
    `\nbundle size: functions code ${kb(sizes.functionsCode.gzip)} KB gzip (${kb(sizes.functionsCode.raw)} KB raw; budget ${TARGETS.functionsGzipBytes / 1024} KB gzip); ` +
      `embedded dataset ${kb(sizes.embeddedDataset.raw)} KB raw; task pane ${kb(sizes.taskpane.gzip)} KB gzip; build ${own ? "own" : "shared build/test-dist"}\n`
  );
  // What was cut out is the dataset this build embedded, and nothing else.
  const bundledHash = (
    JSON.parse(readFileSync(join(ROOT, "build", "minerals.json"), "utf8")) as { hash: string }
  ).hash;
  expect(sizes.embeddedDataset.hash).toBe(bundledHash);
  expect(sizes.functions.raw - sizes.functionsCode.raw).toBeGreaterThan(sizes.dataset.raw * 0.9);
  expect(sizes.functionsCode.gzip).toBeLessThanOrEqual(TARGETS.functionsGzipBytes);
});

describe("withoutEmbeddedDataset", () => {
  const dataset = JSON.stringify({
    format: "minerals-for-excel/dataset",
    hash: "ab",
    note: "it's \\ here",
  });
  const literal = `'${dataset.replace(/[\\']/g, "\\$&")}'`;

  test("cuts out exactly the JSON.parse literal webpack writes for the dataset", () => {
    const code = `var a=1;e.exports=JSON.parse(${literal});var b=JSON.parse('{"x":1}');`;
    const result = withoutEmbeddedDataset(code);
    expect(result.code).toBe(`var a=1;e.exports=JSON.parse('{}');var b=JSON.parse('{"x":1}');`);
    expect(result.hash).toBe("ab");
    expect(result.literal).toBe(literal);
  });

  test("fails loudly when the bundle embeds no dataset that way", () => {
    expect(() => withoutEmbeddedDataset(`e.exports={format:"minerals-for-excel/dataset"}`)).toThrow(
      /not found/
    );
  });
});

/**
 * manifest.xml and scripts/manifest.js: the real manifest passes the offline XSD and the add-in
 * checks, each check catches the mistake it exists for (shown by mutating the real manifest), and the
 * production origin rewrite leaves no dev URL behind.
 */
import * as fs from "fs";
import * as path from "path";

interface ManifestTools {
  paneUrl(xmlText: string): string;
  DEV_ORIGIN: string;
  SCHEMA_DIR: string;
  rewriteOrigin(xmlText: string, fromOrigin: string, toOrigin: string): string;
  checkManifest(xmlText: string): string[];
  validateManifestXsd(xmlText: string): Promise<string[]>;
}

// CommonJS helper shared with webpack.config.js; typed here because it has no declaration file.
const tools: ManifestTools = require("../scripts/manifest");
const { DEV_ORIGIN, SCHEMA_DIR, rewriteOrigin, checkManifest, validateManifestXsd, paneUrl } =
  tools;
const start: { sideloadHelp(xml?: string): string } = require("../scripts/start");

const MANIFEST = fs.readFileSync(path.resolve(__dirname, "../manifest.xml"), "utf8");
const PROD_ORIGIN = "https://minerals.example.org/addin/";
const XSD_TIMEOUT_MS = 30_000; // xmllint-wasm starts a worker and compiles the schemas each run

/** The real manifest with `from` replaced by `to`; fails loudly if `from` is not there. */
function mutate(from: string, to: string): string {
  if (!MANIFEST.includes(from))
    throw new Error(`test mutation target not found in manifest.xml: ${from}`);
  return MANIFEST.replace(from, to);
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

test("the schemas are the repository's own copy, with their provenance and licence", () => {
  const root = path.resolve(__dirname, "..");
  expect(path.relative(root, SCHEMA_DIR)).toBe(path.join("schemas", "office-addin-manifest"));
  const readme = fs.readFileSync(path.join(SCHEMA_DIR, "README.md"), "utf8");
  expect(readme).toMatch(/Provenance:/);
  expect(readme).toMatch(/CC BY 4\.0/);
});

test("the start banner prints the task pane's address (the server's root answers 404)", () => {
  expect(paneUrl(MANIFEST)).toBe(`${DEV_ORIGIN}taskpane.html`);
  const banner = start.sideloadHelp(MANIFEST);
  expect(banner).toMatch(/^Task pane: {2}https:\/\/localhost:3000\/taskpane\.html /m);
  expect(banner).not.toMatch(/https:\/\/localhost:3000\/(?!taskpane\.html)/);
});

describe("the real manifest.xml", () => {
  test(
    "passes the offline XSD check",
    async () => {
      expect(await validateManifestXsd(MANIFEST)).toEqual([]);
    },
    XSD_TIMEOUT_MS
  );

  test("passes the add-in checks", () => {
    expect(checkManifest(MANIFEST)).toEqual([]);
  });

  test("declares the MINERALS namespace and the shared runtime", () => {
    expect(MANIFEST).toContain('<bt:String id="Functions.Namespace" DefaultValue="MINERALS"/>');
    expect(MANIFEST).toContain('<Runtime resid="Taskpane.Url" lifetime="long"/>');
    expect(MANIFEST).toContain('<Set Name="SharedRuntime" MinVersion="1.1"/>');
  });
});

describe("checkManifest catches what the XSD cannot", () => {
  const taskpaneUrl =
    '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/>';
  const cases: Array<[string, string, string[]]> = [
    [
      "an undefined resid",
      mutate('<Label resid="MineralsGroup.Label"/>', '<Label resid="Missing.Label"/>'),
      ['resid "Missing.Label" is used but not defined in <Resources>'],
    ],
    [
      "a resource id defined twice",
      mutate(taskpaneUrl, `${taskpaneUrl}\n${taskpaneUrl}`),
      ['Resource id "Taskpane.Url" is defined 2 times in <Resources>'],
    ],
    [
      "a second origin",
      mutate(
        '<SupportUrl DefaultValue="https://localhost:3000/taskpane.html"/>',
        '<SupportUrl DefaultValue="https://support.example.com/help"/>'
      ),
      ["URLs use more than one origin: https://localhost:3000, https://support.example.com"],
    ],
    [
      'Version "1.0" (too few parts)',
      mutate("<Version>1.0.0.0</Version>", "<Version>1.0</Version>"),
      ['<Version> "1.0" must be four dot-separated integers from 0 to 65535 (n.n.n.n)'],
    ],
    [
      'Version "1.0.0.70000" (part above 65535)',
      mutate("<Version>1.0.0.0</Version>", "<Version>1.0.0.70000</Version>"),
      ['<Version> "1.0.0.70000" must be four dot-separated integers from 0 to 65535 (n.n.n.n)'],
    ],
    [
      "a CustomFunctions Page resid different from the Runtime's",
      mutate(
        '<Page>\n              <SourceLocation resid="Taskpane.Url"/>',
        '<Page>\n              <SourceLocation resid="Functions.Page.Url"/>'
      ).replace(
        taskpaneUrl,
        `${taskpaneUrl}\n<bt:Url id="Functions.Page.Url" DefaultValue="https://localhost:3000/functions.html"/>`
      ),
      [
        "Shared runtime: Runtime, CustomFunctions Page, FunctionFile and ShowTaskpane must use the same resid " +
          "(Runtime=Taskpane.Url, CustomFunctions Page=Functions.Page.Url, FunctionFile=Taskpane.Url, " +
          "ShowTaskpane SourceLocation=Taskpane.Url)",
      ],
    ],
    [
      "a missing namespace string",
      mutate('<bt:String id="Functions.Namespace" DefaultValue="MINERALS"/>', ""),
      [
        'resid "Functions.Namespace" is used but not defined in <Resources>',
        'Namespace string "Functions.Namespace" is not defined in <bt:ShortStrings>',
      ],
    ],
  ];

  test.each(cases)("%s", (_name, xml, expected) => {
    expect(checkManifest(xml)).toEqual(expected);
  });
});

describe("the offline XSD check", () => {
  const cases: Array<[string, string, RegExp]> = [
    [
      "a stray element",
      mutate("<Permissions>", "<Bogus/>\n  <Permissions>"),
      /Element '\{[^}]+\}Bogus': This element is not expected/,
    ],
    [
      "a missing required element",
      mutate("<ProviderName>Minerals for Excel</ProviderName>", ""),
      /Expected is \( \{[^}]+\}ProviderName \)/,
    ],
  ];

  test.each(cases)(
    "rejects %s",
    async (_name, xml, expected) => {
      const errors = await validateManifestXsd(xml);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.some((e) => expected.test(e))).toBe(true);
    },
    XSD_TIMEOUT_MS
  );
});

describe("rewriteOrigin", () => {
  test(
    "replaces every dev URL and keeps the manifest valid",
    async () => {
      const before = count(MANIFEST, DEV_ORIGIN);
      expect(before).toBeGreaterThan(1);

      const rewritten = rewriteOrigin(MANIFEST, DEV_ORIGIN, PROD_ORIGIN);
      expect(count(rewritten, "localhost")).toBe(0);
      expect(count(rewritten, PROD_ORIGIN)).toBe(before);
      // AppDomain holds a bare origin, so it gets the production origin without the path.
      expect(rewritten).toContain("<AppDomain>https://minerals.example.org</AppDomain>");
      expect(checkManifest(rewritten)).toEqual([]);
      expect(await validateManifestXsd(rewritten)).toEqual([]);
    },
    XSD_TIMEOUT_MS
  );

  test.each([
    ["an http origin", "http://x/", /must use https/],
    ["an origin without a trailing slash", "https://minerals.example.org", /must end with "\/"/],
    ["a relative path", "addin/", /must be an absolute URL/],
  ])("refuses %s", (_name, origin, message) => {
    expect(() => rewriteOrigin(MANIFEST, DEV_ORIGIN, origin)).toThrow(message);
  });
});

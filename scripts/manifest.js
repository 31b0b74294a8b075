// Manifest helpers shared by webpack.config.js (production origin rewrite), scripts/validate.js
// and the tests. CommonJS so webpack's config and jest can both require it without a build step.
"use strict";

const fs = require("fs");
const path = require("path");

const DEV_ORIGIN = "https://localhost:3000/";

// The patched XSDs live outside the repo (see that folder's README for what was patched and why).
// The patched Office manifest XSDs kept in this repository (schemas/office-addin-manifest/README.md).
const SCHEMA_DIR = path.resolve(__dirname, "../schemas/office-addin-manifest");
const MAIN_SCHEMA = "OfficeAppManifestV1_1.xsd";

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function assertBaseUrl(value, name) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be an absolute URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "https:") {
    throw new Error(
      `${name} must use https (Office refuses http add-in pages), got ${JSON.stringify(value)}`
    );
  }
  if (!value.endsWith("/")) {
    throw new Error(
      `${name} must end with "/" so that paths join cleanly, got ${JSON.stringify(value)}`
    );
  }
}

/**
 * Replace every occurrence of fromOrigin (e.g. the dev server) with toOrigin (the host of the
 * production files). AppDomain entries hold a bare origin without a trailing slash or path, so they
 * are rewritten to toOrigin's origin separately.
 */
function rewriteOrigin(xmlText, fromOrigin, toOrigin) {
  assertBaseUrl(fromOrigin, "fromOrigin");
  assertBaseUrl(toOrigin, "toOrigin");
  const fromBare = new URL(fromOrigin).origin;
  const toBare = new URL(toOrigin).origin;
  const appDomain = new RegExp(
    `(<AppDomain>\\s*)${escapeRegExp(fromBare)}/?(\\s*</AppDomain>)`,
    "g"
  );
  return xmlText
    .replace(appDomain, (_match, open, close) => `${open}${toBare}${close}`)
    .split(fromOrigin)
    .join(toOrigin);
}

// Attribute values of elements named `tag` (with or without a namespace prefix).
function attributeValues(xmlText, tag, attribute) {
  const element = new RegExp(`<(?:\\w+:)?${tag}\\b[^>]*?\\s${attribute}="([^"]*)"`, "g");
  return [...xmlText.matchAll(element)].map((m) => m[1]);
}

function elementTexts(xmlText, tag) {
  const element = new RegExp(`<(?:\\w+:)?${tag}\\b[^>]*>([^<]*)</(?:\\w+:)?${tag}>`, "g");
  return [...xmlText.matchAll(element)].map((m) => m[1].trim());
}

// The resid used by the first `<tag ...>` that follows `<context ...>`, e.g. the SourceLocation inside
// the CustomFunctions <Page>. Good enough for the fixed shape of this manifest.
function residAfter(xmlText, contextPattern, tag) {
  const match = new RegExp(`${contextPattern}[\\s\\S]*?<${tag}\\b[^>]*?\\sresid="([^"]*)"`).exec(
    xmlText
  );
  return match ? match[1] : undefined;
}

/**
 * Checks the XSD cannot express. Returns problem strings; an empty array means no problems.
 * Regex-based on purpose: the manifest is ours and small, and this keeps the helper dependency-free.
 */
function checkManifest(xmlText) {
  const problems = [];
  // Comments may quote markup; ignore them.
  const xml = xmlText.replace(/<!--[\s\S]*?-->/g, "");

  // Resources: bt:Image / bt:Url / bt:String ids, each defined once.
  const resourcesMatch = /<Resources>([\s\S]*)<\/Resources>/.exec(xml);
  const resources = resourcesMatch ? resourcesMatch[1] : "";
  const defined = new Map();
  for (const m of resources.matchAll(/<bt:(Image|Url|String)\b[^>]*?\sid="([^"]*)"/g)) {
    defined.set(m[2], (defined.get(m[2]) || 0) + 1);
  }
  for (const [id, count] of defined) {
    if (count > 1) problems.push(`Resource id "${id}" is defined ${count} times in <Resources>`);
  }
  const used = new Set([...xml.matchAll(/\sresid="([^"]*)"/g)].map((m) => m[1]));
  for (const resid of used) {
    if (!defined.has(resid))
      problems.push(`resid "${resid}" is used but not defined in <Resources>`);
  }

  // One origin for everything the add-in loads, so the production rewrite cannot miss a URL.
  const urls = [
    // Url and Image match bt:Url and bt:Image in Resources.
    ...["SourceLocation", "IconUrl", "HighResolutionIconUrl", "SupportUrl", "Url", "Image"].flatMap(
      (tag) => attributeValues(xml, tag, "DefaultValue")
    ),
    ...elementTexts(xml, "AppDomain"),
  ].filter((value) => /^https?:/i.test(value));
  const origins = new Set();
  for (const value of urls) {
    try {
      origins.add(new URL(value).origin);
    } catch {
      problems.push(`"${value}" is not a valid URL`);
    }
  }
  if (origins.size > 1) {
    problems.push(`URLs use more than one origin: ${[...origins].join(", ")}`);
  }

  // Office versions are n.n.n.n; each part is a 16-bit number (the XSD allows 1-4 parts of 5 digits).
  const versions = elementTexts(xml, "Version");
  const version = versions[0];
  if (version === undefined) {
    problems.push("<Version> is missing");
  } else {
    const parts = version.split(".");
    const valid =
      parts.length === 4 && parts.every((p) => /^\d{1,5}$/.test(p) && Number(p) <= 65535);
    if (!valid) {
      problems.push(
        `<Version> "${version}" must be four dot-separated integers from 0 to 65535 (n.n.n.n)`
      );
    }
  }

  // Shared runtime: Excel only shares one runtime when all four point at the same resource.
  const sharedRuntime = {
    Runtime: residAfter(xml, "<Runtimes>", "Runtime"),
    "CustomFunctions Page": residAfter(xml, "<Page>", "SourceLocation"),
    FunctionFile: attributeValues(xml, "FunctionFile", "resid")[0],
    "ShowTaskpane SourceLocation": residAfter(xml, 'xsi:type="ShowTaskpane"', "SourceLocation"),
  };
  for (const [where, resid] of Object.entries(sharedRuntime)) {
    if (resid === undefined) problems.push(`Shared runtime: no ${where} resid found`);
  }
  const distinct = new Set(Object.values(sharedRuntime).filter((r) => r !== undefined));
  if (distinct.size > 1) {
    const listed = Object.entries(sharedRuntime)
      .map(([where, resid]) => `${where}=${resid}`)
      .join(", ");
    problems.push(
      `Shared runtime: Runtime, CustomFunctions Page, FunctionFile and ShowTaskpane must use the same resid (${listed})`
    );
  }

  // The custom functions namespace (MINERALS) comes from a short string.
  const namespaceResid = attributeValues(xml, "Namespace", "resid")[0];
  if (namespaceResid === undefined) {
    problems.push("CustomFunctions <Namespace resid=...> is missing");
  } else {
    const value = new RegExp(
      `<bt:String\\b[^>]*?\\sid="${escapeRegExp(namespaceResid)}"[^>]*?\\sDefaultValue="([^"]*)"`
    ).exec(resources);
    if (!value) {
      problems.push(`Namespace string "${namespaceResid}" is not defined in <bt:ShortStrings>`);
    } else if (!/^[A-Za-z][A-Za-z0-9.]*$/.test(value[1])) {
      problems.push(
        `Namespace "${value[1]}" must start with a letter and contain only letters, digits and dots`
      );
    }
  }

  return problems;
}

/**
 * Offline XSD validation with xmllint-wasm against the patched Office schemas.
 * Resolves to a list of error strings (empty when valid).
 */
async function validateManifestXsd(xmlText) {
  const { validateXML } = require("xmllint-wasm");
  if (!fs.existsSync(path.join(SCHEMA_DIR, MAIN_SCHEMA))) {
    return [`Schema not found: ${path.join(SCHEMA_DIR, MAIN_SCHEMA)}`];
  }
  const xsd = (name) => ({
    fileName: name,
    contents: fs.readFileSync(path.join(SCHEMA_DIR, name), "utf8"),
  });
  // The main schema must come first; the ones it imports are preloaded by their file names.
  const others = fs
    .readdirSync(SCHEMA_DIR)
    .filter((name) => name.endsWith(".xsd") && name !== MAIN_SCHEMA);
  const result = await validateXML({
    xml: [{ fileName: "manifest.xml", contents: xmlText }],
    schema: [xsd(MAIN_SCHEMA)],
    preload: others.map(xsd),
  });
  if (result.valid) return [];
  return result.errors
    .filter((e) => e.rawMessage.trim() !== "")
    .map((e) => (e.loc ? `line ${e.loc.lineNumber}: ${e.message}` : e.rawMessage));
}

/** The task pane's address: the URL resource the ShowTaskpane action opens (what Excel loads). */
function paneUrl(xmlText) {
  const resid = residAfter(xmlText, 'xsi:type="ShowTaskpane"', "SourceLocation");
  const match = new RegExp(
    `<bt:Url\\s+id="${escapeRegExp(resid || "")}"\\s+DefaultValue="([^"]*)"`
  ).exec(xmlText);
  if (!resid || !match) throw new Error("The manifest names no task pane URL (ShowTaskpane)");
  return match[1];
}

module.exports = {
  DEV_ORIGIN,
  SCHEMA_DIR,
  rewriteOrigin,
  checkManifest,
  validateManifestXsd,
  paneUrl,
};

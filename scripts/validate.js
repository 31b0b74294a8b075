// `npm run validate [-- path/to/manifest.xml]`: offline manifest checks (XSD + add-in rules).
// Defaults to the repo's manifest.xml; pass dist/manifest.xml to check the production rewrite.
"use strict";

const fs = require("fs");
const path = require("path");
const { checkManifest, validateManifestXsd } = require("./manifest");

async function main() {
  const file = path.resolve(process.argv[2] || path.join(__dirname, "..", "manifest.xml"));
  const relative = path.relative(process.cwd(), file);
  const name = relative && !relative.startsWith("..") ? relative : file;
  let xml;
  try {
    xml = fs.readFileSync(file, "utf8");
  } catch (err) {
    console.error(`Cannot read ${file}: ${err.message}`);
    return 1;
  }

  const problems = [
    ...(await validateManifestXsd(xml)).map((e) => `schema: ${e}`),
    ...checkManifest(xml).map((p) => `add-in: ${p}`),
  ];
  // Microsoft's validator is an online service; say so instead of letting a green run overclaim.
  const note =
    "(`office-addin-manifest validate` uses Microsoft's online service, unreachable offline; not run.)";
  if (problems.length > 0) {
    for (const problem of problems) console.error(`${name}: ${problem}`);
    console.error(`${name}: ${problems.length} problem(s) found.`);
    console.error(note);
    return 1;
  }
  console.log(`${name} is valid (offline schema and add-in checks)`);
  console.log(note);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err && err.stack ? err.stack : err);
    process.exit(2);
  }
);

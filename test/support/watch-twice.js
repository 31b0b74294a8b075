// Run by test/dev-watch.test.ts in a plain Node process, as `npm start` runs webpack (inside jest's
// module registry the watch rebuild behaves differently and hid the defect): the development build in
// watch mode, the given source file saved unchanged after the first build, and a JSON report of both
// compilations on stdout. Each compilation is awaited through the compiler's done hook; the watcher is
// closed before the report.
"use strict";

const fs = require("fs");
const path = require("path");
const webpack = require("webpack");

async function main() {
  const [outputPath, touched] = process.argv.slice(2);
  const config = await require(path.join(__dirname, "..", "..", "webpack.config.js"))(
    { outputPath },
    { mode: "development" }
  );
  const compiler = webpack({ ...config, mode: "development" });
  const compilations = [];
  let watching;
  await new Promise((resolve, reject) => {
    watching = compiler.watch({}, (error, stats) => {
      if (error) return reject(error);
      const info = stats.toJson({ all: false, errors: true });
      compilations.push({
        errors: info.errors.map((e) => e.message.slice(0, 300)),
        rebuilt: [...stats.compilation.modules]
          .filter((m) => stats.compilation.builtModules.has(m) && m.resource)
          .map((m) => m.resource),
      });
      if (compilations.length === 1) fs.writeFileSync(touched, fs.readFileSync(touched, "utf8"));
      else resolve();
    });
  });
  await new Promise((resolve) => watching.close(resolve));
  process.stdout.write(JSON.stringify(compilations));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});

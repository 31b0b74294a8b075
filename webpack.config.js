const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const fs = require("fs");
const webpack = require("webpack");
const { DEV_ORIGIN, rewriteOrigin } = require("./scripts/manifest");
const { FunctionsLoaderIsolationPlugin } = require("./scripts/functions-loader-isolation");

/** The add-in's version as Office shows it: the manifest's <Version>. */
const ADDIN_VERSION = /<Version>([^<]+)<\/Version>/.exec(
  fs.readFileSync(path.join(__dirname, "manifest.xml"), "utf8")
)[1];

/**
 * Production builds rewrite every dev URL in the manifest to ADDIN_ORIGIN (the https folder where
 * dist/ will be hosted, ending in "/"). Without it the production build keeps the dev origin, which
 * is what a local production test wants.
 */
module.exports = async (env, options) => {
  const dev = options.mode !== "production";
  const productionOrigin = process.env.ADDIN_ORIGIN || DEV_ORIGIN;
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      // The pane depends on the functions bundle: one copy of the store and dataset, loaded once.
      taskpane: { import: "./src/taskpane/taskpane.ts", dependOn: "functions" },
      // The dataset worker (src/runtime/dataset-worker.ts starts it by this file name): its own
      // script, so the load code it runs stays out of the functions bundle.
      "dataset-worker": "./src/runtime/dataset.worker.ts",
    },
    output: {
      path: path.resolve(__dirname, env.outputPath || "dist"),
      // Chunks (the in-thread load code, fetched only without a worker) beside the page that loads them.
      publicPath: "",
      clean: true,
    },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      // Type-check what the bundles contain; tests are type-checked by `npm run typecheck`.
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // ES modules for webpack (tsc checks with CommonJS for jest): tree shaking, module
            // concatenation, and import() as a chunk of its own.
            options: { onlyCompileBundledFiles: true, compilerOptions: { module: "es2020" } },
          },
        },
      ],
    },
    performance: { hints: false },
    // Modules stay apart and keep their export names: the runtime tests (test/runtime) reach the
    // live store and the result boundary by name, as the pane reaches them.
    optimization: { mangleExports: false, concatenateModules: false },
    plugins: [
      // Keeps the metadata plugin's appended associate calls in the functions file (watch mode).
      new FunctionsLoaderIsolationPlugin(),
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: "./src/functions/functions.ts",
      }),
      new webpack.DefinePlugin({ __ADDIN_VERSION__: JSON.stringify(ADDIN_VERSION) }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          // Browse and insert add their stylesheet themselves (src/taskpane/browse/stylesheet.ts).
          { from: "src/taskpane/browse/browse.css", to: "browse.css" },
          { from: "build/minerals.json", to: "data/minerals.json" },
          // The formula reference the pane's Help links to.
          { from: "README.md", to: "README.md" },
          { from: "build/minerals.schema.json", to: "data/minerals.schema.json" },
          // Format 2: the manifest, its Arrow part and the manifest's schema (README "Format 2").
          { from: "build/minerals.manifest.json", to: "data/minerals.manifest.json" },
          { from: "build/minerals.observations.arrow", to: "data/minerals.observations.arrow" },
          { from: "build/minerals.manifest.schema.json", to: "data/minerals.manifest.schema.json" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform: (content) =>
              dev ? content : rewriteOrigin(content.toString(), DEV_ORIGIN, productionOrigin),
          },
        ],
      }),
    ],
    devServer: {
      headers: { "Access-Control-Allow-Origin": "*" },
      // Certificates are read only when serving (webpack serve), never for a plain build.
      server: env.WEBPACK_SERVE
        ? { type: "https", options: require("./scripts/dev-certs").httpsOptions() }
        : undefined,
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      static: { directory: path.resolve(__dirname, "dist") },
    },
  };
};

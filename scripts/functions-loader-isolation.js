// custom-functions-metadata-plugin adds its loader (which appends the `CustomFunctions.associate`
// calls) by pushing onto `module.loaders` of the functions file. That array can be shared by every
// TypeScript module (webpack reuses resolved loader lists between builds), so in watch mode the
// second build appended the calls to every .ts file: ~700 "Cannot find name" errors from ts-loader.
// This plugin gives each module its own loader list without that loader before the metadata plugin
// runs, so the loader is only ever added to the functions file, once per build.
"use strict";

const { NormalModule } = require("webpack");

const PLUGIN = "FunctionsLoaderIsolationPlugin";
const METADATA_LOADER = require.resolve("custom-functions-metadata-plugin/lib/loader.js");

class FunctionsLoaderIsolationPlugin {
  apply(compiler) {
    compiler.hooks.compilation.tap(PLUGIN, (compilation) => {
      NormalModule.getCompilationHooks(compilation).beforeLoaders.tap(
        // Before the metadata plugin's own tap (default stage 0).
        { name: PLUGIN, stage: -100 },
        (_loaders, module) => {
          module.loaders = module.loaders.filter((entry) => entry.loader !== METADATA_LOADER);
        }
      );
    });
  }
}

module.exports = { FunctionsLoaderIsolationPlugin, METADATA_LOADER };

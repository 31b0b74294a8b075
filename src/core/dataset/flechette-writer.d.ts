/**
 * Flechette's own single-file CommonJS build, the same version as the package's modules: the Arrow
 * writer (arrow-writer.ts) imports it so that the writer stays out of the functions bundle, which
 * reads Arrow through the package's modules (sharing them would keep the writer's code there too).
 */
declare module "@uwdata/flechette/dist/flechette.cjs" {
  export * from "@uwdata/flechette";
}

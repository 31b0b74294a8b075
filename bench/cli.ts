/**
 * `npm run bench` — argument wiring only; the suites are in main.ts.
 *
 *   npm run bench                       all suites, table on stdout
 *   npm run bench -- --json             the same figures as JSON on stdout
 *   npm run bench -- --sizes 1000,100000 --no-bundle --no-workbook
 *   npm run bench -- --index-sizes 1000,1000000   series index sizes (default 1k, 1M, 10M)
 *   npm run bench -- --quick-workbook    100 of the 10,000 SUMIFS/XLOOKUP cells on 100k rows, scaled
 *                                        (all 10,000, the default, take about 45 min of CPU)
 *   npm run bench -- --load-sizes 1000000   format 2 loads from bytes (default 1M, 10M; --no-load)
 *   npm run bench -- --dist build/test-dist   measure an existing production build
 *   npm run bench -- --no-pane           without the browser figures (Chromium)
 *   npm run bench -- --profile bench-profiles  V8 CPU profiles of the dataset suites
 *   npm run bench -- --comtrade-rows 100000     a smaller Comtrade build figure (--no-comtrade: none)
 *
 * Progress goes to stderr. Exit code 0 even when a target is missed: the bench reports, tests assert.
 */
import { resolve } from "path";
import { QUICK_ALTERNATIVE_CELLS } from "./defaults";
import { BenchOptions, DEFAULT_OPTIONS, runBench } from "./main";
import { formatJson, formatTable } from "./report";

const USAGE = `usage: tsx bench/cli.ts [--json] [--sizes N,N,…] [--no-datasets] [--index-sizes N,N,…] [--no-index]
                          [--load-sizes N,N,…] [--no-load] [--no-refresh] [--no-workbook]
                          [--full-workbook] [--quick-workbook] [--no-bundle] [--no-pane]
                          [--no-comtrade] [--comtrade-rows N] [--dist DIR] [--profile DIR] [--quiet]`;

export function parseArguments(
  argv: string[]
): { options: BenchOptions; json: boolean } | { error: string } {
  const options: BenchOptions = { ...DEFAULT_OPTIONS, sizes: [...DEFAULT_OPTIONS.sizes] };
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${arg} needs a value`);
      return v;
    };
    try {
      switch (arg) {
        case "--json":
          json = true;
          break;
        case "--sizes": {
          const sizes = value()
            .split(",")
            .map((s) => Number(s.replace(/_/g, "")));
          if (sizes.some((s) => !Number.isInteger(s) || s < 1))
            return { error: "--sizes takes positive integers, such as 1000,100000" };
          options.sizes = sizes;
          break;
        }
        case "--no-datasets":
          options.sizes = [];
          break;
        case "--index-sizes": {
          const sizes = value()
            .split(",")
            .map((s) => Number(s.replace(/_/g, "")));
          if (sizes.some((s) => !Number.isInteger(s) || s < 1))
            return { error: "--index-sizes takes positive integers, such as 1000,1000000" };
          options.indexSizes = sizes;
          break;
        }
        case "--no-index":
          options.indexSizes = [];
          break;
        case "--full-workbook":
          options.alternativeCells = Number.MAX_SAFE_INTEGER;
          break;
        case "--quick-workbook":
          options.alternativeCells = QUICK_ALTERNATIVE_CELLS;
          break;
        case "--load-sizes": {
          const sizes = value()
            .split(",")
            .map((s) => Number(s.replace(/_/g, "")));
          if (sizes.some((s) => !Number.isInteger(s) || s < 1))
            return { error: "--load-sizes takes positive integers, such as 1000000" };
          options.loadSizes = sizes;
          break;
        }
        case "--no-load":
          options.loadSizes = [];
          break;
        case "--no-refresh":
          options.refresh = false;
          break;
        case "--no-workbook":
          options.workbook = false;
          break;
        case "--no-bundle":
          options.bundle = false;
          break;
        case "--no-pane":
          options.pane = false;
          break;
        case "--no-comtrade":
          options.comtradeRows = 0;
          break;
        case "--comtrade-rows": {
          const rows = Number(value().replace(/_/g, ""));
          if (!Number.isInteger(rows) || rows < 1)
            return { error: "--comtrade-rows takes a positive integer, such as 100000" };
          options.comtradeRows = rows;
          break;
        }
        case "--dist":
          options.distDir = resolve(value());
          break;
        case "--profile":
          options.profileDir = resolve(value());
          break;
        case "--quiet":
          options.log = () => undefined;
          break;
        case "--help":
        case "-h":
          return { error: USAGE };
        default:
          return { error: `unknown argument ${arg}\n${USAGE}` };
      }
    } catch (error) {
      return { error: `${(error as Error).message}\n${USAGE}` };
    }
  }
  return { options, json };
}

async function cli(): Promise<number> {
  const parsed = parseArguments(process.argv.slice(2));
  if ("error" in parsed) {
    process.stderr.write(`${parsed.error}\n`);
    return 2;
  }
  const results = await runBench(parsed.options);
  process.stdout.write(`${parsed.json ? formatJson(results) : formatTable(results)}\n`);
  return 0;
}

if (require.main === module) {
  cli().then(
    (code) => process.exit(code),
    (error: Error) => {
      process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
      process.exit(1);
    }
  );
}

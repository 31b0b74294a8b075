import { execFile } from "child_process";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { promisify } from "util";

/**
 * The dev loop (`npm start`, `npm run watch`): webpack in development watch mode builds, a source
 * file is saved, and the rebuild has no errors, with every function registered exactly once. (The
 * metadata plugin's appended `associate` calls once reached every .ts file on a rebuild: ~700 type
 * errors.) The watch runs in a plain Node process (test/support/watch-twice.js), as `npm start` does.
 */
const ROOT = join(__dirname, "..");
const TOUCHED = join(ROOT, "src", "core", "queries", "units.ts");
const WATCH_TIMEOUT_MS = 240_000;

interface Compilation {
  errors: string[];
  rebuilt: string[];
}

test(
  "after a source file is saved, the second compilation has no errors",
  async () => {
    const out = mkdtempSync(join(tmpdir(), "minerals-watch-"));
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [join(__dirname, "support", "watch-twice.js"), out, TOUCHED],
        { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }
      );
      const [first, second] = JSON.parse(stdout) as Compilation[];
      expect(first.errors).toEqual([]);
      // The second compilation rebuilt the saved file, and found nothing wrong.
      expect(second.rebuilt).toContain(TOUCHED);
      expect(second.errors).toEqual([]);

      const metadata = JSON.parse(readFileSync(join(out, "functions.json"), "utf8")) as {
        functions: { id: string }[];
      };
      const bundle = readFileSync(join(out, "functions.js"), "utf8");
      expect(metadata.functions.length).toBeGreaterThan(0);
      for (const { id } of metadata.functions) {
        const calls = bundle.split(`CustomFunctions.associate("${id}"`).length - 1;
        expect([id, calls]).toEqual([id, 1]);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  },
  WATCH_TIMEOUT_MS
);

import { readFileSync } from "fs";
import { join } from "path";
import { createContext, runInContext } from "vm";
import { settlePromises, VirtualClock } from "./virtual-clock";

/**
 * A fake Excel host for Microsoft's own custom-functions runtime. The unmodified
 * `@microsoft/office-js/dist/custom-functions-runtime.js` and a built `functions.js` run in one Node
 * `vm` context with the browser globals they read; the host side of the native bridge
 * (`_richApiNativeBridge`) is played here: it sends invocations and cancellations the way Excel does
 * and records what the runtime sends back. What is fake is only what Excel itself would supply: the
 * bridge, the page's globals, and the host-specific script the runtime loads from the CDN before
 * `Office.onReady` (it tells the runtime the host is Excel).
 */

/** The office-js release this harness was written and checked against. */
export const PINNED_OFFICE_JS_VERSION = "1.1.110";

const OFFICE_JS = join(__dirname, "..", "..", "node_modules", "@microsoft", "office-js");

export function installedOfficeJsVersion(): string {
  return (JSON.parse(readFileSync(join(OFFICE_JS, "package.json"), "utf8")) as { version: string })
    .version;
}

export interface ParameterMetadata {
  name: string;
  type?: string;
  optional?: boolean;
}

export interface FunctionMetadata {
  id: string;
  name: string;
  parameters: ParameterMetadata[];
  options?: { stream?: boolean; cancelable?: boolean };
  result?: { type?: string; dimensionality?: string };
}

export interface FunctionsJson {
  allowCustomDataForDataTypeAny?: boolean;
  allowErrorForDataTypeAny?: boolean;
  functions: FunctionMetadata[];
}

/** One result as the runtime sent it in `SetInvocationArrayResults`. */
export type SentResult =
  { ok: true; value: unknown } | { ok: false; message: unknown; errorCode: number };

/** Invocation flags of the host → runtime message (Excel derives them from functions.json). */
export const FLAGS = { cancelable: 1, streaming: 2, allowError: 4, richData: 8 } as const;

/** One formula cell: every result the host accepted for it, in order. */
export class HostCell {
  readonly results: SentResult[] = [];

  constructor(
    readonly invocationId: number,
    readonly functionId: string,
    readonly address: string
  ) {}

  get last(): SentResult | undefined {
    return this.results[this.results.length - 1];
  }
}

export interface Invocation {
  id: string;
  /** Argument values as the user typed them; missing optionals become null. */
  args?: unknown[];
  /** How many values to send: the function's parameter count by default (a stale functions.json differs). */
  valueCount?: number;
}

/** The script the runtime loads from the CDN for the host: the part Excel supplies. */
const HOST_SCRIPTS: Record<string, string> = {
  "excel-win32-16.01-core.js": `
    OfficeExt.MsAjaxError = function () {};
    OSF.InitializationHelper.prototype.getAppContext = function (wnd, gotAppContext) {
      gotAppContext({ get_appUILocale: function () { return "en-US"; }, get_appName: function () { return 1; } });
    };
    OSF.InitializationHelper.prototype.loadAppSpecificScriptAndCreateOM = function (appContext, appReady) { appReady(); };
  `,
  "en-us/office_strings.js": "var Strings = { OfficeOM: {} };",
};
const SCRIPT_BASE = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const HOST_INFO = "Excel$Win32$16.01$en-US$$$$2";

type BundleRequire = ((id: string) => Record<string, unknown>) & { m: Record<string, unknown> };

interface BridgeRequest {
  id: number;
  type: number;
  message: {
    body?: { Actions?: { Id: number; Name: string; ArgumentInfo?: { Arguments?: unknown[] } }[] };
  };
}

export class ExcelHost {
  readonly clock: VirtualClock;
  readonly metadata = new Map<string, FunctionMetadata>();
  /** Every request the runtime sent to the host, with the status the host answered. */
  readonly requests: { results: unknown[][]; status: number }[] = [];
  /** Results for invocation ids the host never issued (there must be none). */
  readonly strayResults: unknown[][] = [];
  private readonly context: Record<string, unknown>;
  private readonly bridge: {
    sendMessageToHost(text: string): void;
    onMessageFromHost?: (text: string) => void;
  };
  private readonly cells = new Map<number, HostCell>();
  private nextInvocationId = 1;
  private statusQueue: number[] = [];
  private readySeen = false;
  private bundleRequire: BundleRequire | undefined;

  private constructor(
    readonly functionsJson: FunctionsJson,
    start: Date
  ) {
    for (const f of functionsJson.functions) this.metadata.set(f.id, f);
    this.clock = new VirtualClock(start);
    this.bridge = { sendMessageToHost: (text) => this.receive(text) };
    const context: Record<string, unknown> = {};
    createContext(context);
    const head = { appendChild: (script: Record<string, unknown>) => this.loadScript(script) };
    const page = `https://addins.example.org/minerals/taskpane.html?_host_Info=${HOST_INFO}`;
    Object.assign(context, this.clock.globals(runInContext("Date", context) as DateConstructor), {
      _richApiNativeBridge: this.bridge,
      document: {
        readyState: "complete",
        cookie: "",
        addEventListener: () => undefined,
        createElement: (tag: string) => ({ tag, setAttribute: () => undefined, style: {} }),
        getElementsByTagName: (tag: string) =>
          tag === "script"
            ? [{ src: `${SCRIPT_BASE}custom-functions-runtime.js`, getAttribute: () => null }]
            : tag === "head"
              ? [head]
              : [],
      },
      location: {
        href: page,
        origin: "https://addins.example.org",
        protocol: "https:",
        host: "addins.example.org",
        pathname: "/minerals/taskpane.html",
        search: `?_host_Info=${HOST_INFO}`,
        hash: "",
      },
      navigator: { userAgent: "Node.js (minerals test host)", language: "en-US" },
      history: { replaceState: () => undefined, pushState: () => undefined },
      URL,
      TextEncoder,
      TextDecoder,
      console: {
        log: () => undefined,
        warn: () => undefined,
        error: () => undefined,
        info: () => undefined,
      },
    });
    context.window = context;
    context.self = context;
    this.context = context;
  }

  /**
   * Loads the runtime file and then the functions bundle (which associates its functions by id), as
   * the page's script tags do, and lets the runtime start: it loads the host's script, hears from
   * `Office.onReady` that the host is Excel and asks the host to mark the container ready.
   */
  static async start(options: {
    functionsJs: string;
    functionsJson: FunctionsJson;
    /** The host's present (the functions' "today"). */
    now: Date;
  }): Promise<ExcelHost> {
    const host = new ExcelHost(options.functionsJson, options.now);
    const runtimeFile = join(OFFICE_JS, "dist", "custom-functions-runtime.js");
    runInContext(readFileSync(runtimeFile, "utf8"), host.context, { filename: runtimeFile });
    runInContext(options.functionsJs, host.context, { filename: "functions.js" });
    await host.clock.advance(10);
    if (!host.readySeen)
      throw new Error("The custom-functions runtime never told the host it was ready.");
    return host;
  }

  /** The runtime's `CustomFunctions` global, as functions.js sees it. */
  get customFunctions(): { Error: new (code: string, message?: string) => Error } {
    return this.context.CustomFunctions as { Error: new (code: string, message?: string) => Error };
  }

  /** Runs code in the add-in's page (for what the task pane would do in the same shared runtime). */
  run(code: string): unknown {
    return runInContext(code, this.context);
  }

  /**
   * The exports of the bundle's modules, reached the way the task pane's chunk reaches them in the
   * shared runtime (webpack's chunk-loading global), for what the pane does: replacing the dataset.
   */
  bundleModules(): Record<string, unknown>[] {
    if (!this.bundleRequire) {
      const key = Object.keys(this.context).find((name) => name.startsWith("webpackChunk"));
      if (!key) throw new Error("functions.js has no webpack chunk-loading global");
      (this.context[key] as unknown[][]).push([
        ["test-host"],
        {},
        (require: BundleRequire) => {
          this.bundleRequire = require;
        },
      ]);
    }
    const require = this.bundleRequire;
    if (!require) throw new Error("webpack did not run the test chunk");
    return Object.keys(require.m).map((id) => require(id));
  }

  /** The one export of the bundle with this name (and shape). */
  bundleExport<T>(name: string, is: (value: unknown) => boolean): T {
    const matches = this.bundleModules()
      .filter(
        (exports) =>
          exports && Object.prototype.hasOwnProperty.call(exports, name) && is(exports[name])
      )
      .map((exports) => exports[name]);
    if (matches.length !== 1)
      throw new Error(
        `Expected one module of functions.js exporting ${name}, found ${matches.length}`
      );
    return matches[0] as T;
  }

  /** The flags Excel sends with an invocation of this function, from its metadata. */
  flagsFor(id: string): number {
    const f = this.requireMetadata(id);
    let flags = 0;
    if (f.options?.stream) flags |= FLAGS.streaming | FLAGS.cancelable;
    if (f.options?.cancelable) flags |= FLAGS.cancelable;
    const hasAny = f.parameters.some((p) => p.type === "any");
    if (hasAny && this.functionsJson.allowCustomDataForDataTypeAny) flags |= FLAGS.richData;
    if (hasAny && this.functionsJson.allowErrorForDataTypeAny) flags |= FLAGS.allowError;
    return flags;
  }

  /** The values Excel sends: one per parameter of the metadata (or `valueCount`), null for omitted. */
  valuesFor(call: Invocation): unknown[] {
    const f = this.requireMetadata(call.id);
    const count = call.valueCount ?? f.parameters.length;
    const args = call.args ?? [];
    if (args.length > count)
      throw new Error(`${call.id} takes ${count} values here; the test gave ${args.length}`);
    const richData = (this.flagsFor(call.id) & FLAGS.richData) !== 0;
    return Array.from({ length: count }, (_, i) => {
      const value = args[i] === undefined ? null : args[i];
      // With rich data on, a cell value object travels as its JSON text in `value`.
      return richData && value !== null && typeof value === "object" && !Array.isArray(value)
        ? { value: JSON.stringify(value) }
        : value;
    });
  }

  /** Enters several formulas whose invocations Excel sends in one message. */
  invokeAll(calls: Invocation[]): HostCell[] {
    const cells: HostCell[] = [];
    const entries = calls.map((call) => {
      const invocationId = this.nextInvocationId++;
      const address = `Sheet1!A${invocationId}`;
      const cell = new HostCell(invocationId, call.id, address);
      this.cells.set(invocationId, cell);
      cells.push(cell);
      const message = [
        invocationId,
        call.id,
        this.valuesFor(call),
        address,
        this.flagsFor(call.id),
      ];
      return [1, 1000, "", JSON.stringify(message)];
    });
    this.send({ type: 3, message: { entries } });
    return cells;
  }

  invoke(call: Invocation): HostCell {
    return this.invokeAll([call])[0];
  }

  /** Excel cancels cells (deleted, edited, or their arguments changed). */
  cancel(...cells: HostCell[]): void {
    const entries = cells.map((cell) => [
      1,
      1001,
      "",
      JSON.stringify({ invocationId: cell.invocationId }),
    ]);
    this.send({ type: 3, message: { entries } });
  }

  /** The host answers the next requests carrying results with these statuses (then 200 again). */
  answerNextResultsWith(...statuses: number[]): void {
    this.statusQueue.push(...statuses);
  }

  /** Lets the runtime deliver what it has buffered: its batching waits 50 ms, then at most 500 ms. */
  async settle(ms = 3000): Promise<void> {
    await this.clock.advance(ms);
  }

  private requireMetadata(id: string): FunctionMetadata {
    const f = this.metadata.get(id);
    if (!f) throw new Error(`No function ${id} in functions.json`);
    return f;
  }

  private send(message: unknown): void {
    this.bridge.onMessageFromHost?.(JSON.stringify(message));
  }

  private loadScript(script: Record<string, unknown>): void {
    const src = String(script.src ?? "");
    const code = src.startsWith(SCRIPT_BASE)
      ? HOST_SCRIPTS[src.slice(SCRIPT_BASE.length)]
      : undefined;
    void settlePromises().then(() => {
      if (code === undefined) {
        (script.onerror as (() => void) | undefined)?.();
        return;
      }
      runInContext(code, this.context);
      (script.onload as (() => void) | undefined)?.();
    });
  }

  /** A message from the runtime; requests are answered on a later promise job, as a real host does. */
  private receive(text: string): void {
    const request = JSON.parse(text) as BridgeRequest;
    if (request.type !== 1) return;
    const actions = request.message.body?.Actions ?? [];
    if (actions.some((a) => a.Name === "_SetOsfControlContainerReadyForCustomFunctions"))
      this.readySeen = true;
    const resultSets = actions
      .filter((a) => a.Name === "SetInvocationArrayResults")
      .flatMap((a) => (a.ArgumentInfo?.Arguments?.[0] ?? []) as unknown[][]);
    const status = resultSets.length > 0 ? (this.statusQueue.shift() ?? 200) : 200;
    if (resultSets.length > 0) this.requests.push({ results: resultSets, status });
    if (status === 200) for (const entry of resultSets) this.record(entry);
    const answer = {
      id: request.id,
      type: 1,
      message: {
        statusCode: status,
        headers: {},
        body:
          status === 200
            ? {
                Results: actions
                  .filter((a) => a.Name === "_GetEnabledFeatures")
                  .map((a) => ({ ActionId: a.Id, Value: [] })),
              }
            : { Error: { Code: "InternalError", Message: "The host failed." } },
      },
    };
    void Promise.resolve().then(() => this.bridge.onMessageFromHost?.(JSON.stringify(answer)));
  }

  private record(entry: unknown[]): void {
    const cell = this.cells.get(entry[0] as number);
    if (!cell) {
      this.strayResults.push(entry);
      return;
    }
    cell.results.push(
      entry[1] === true
        ? { ok: true, value: entry[2] }
        : { ok: false, message: entry[2], errorCode: entry[3] as number }
    );
  }
}

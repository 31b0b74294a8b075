import { realDataset, realIndexed } from "../../../test/support/real-dataset";
import {
  DATAVERSION_FIELDS,
  dataVersion,
  LIST_KINDS,
  listTable,
  parseDataVersionField,
  parseListKind,
} from "./catalog";
import { Dataset } from "../dataset/dataset";
import { indexDataset } from "../dataset/indexed";
import { bindLiveCell, CellResult } from "../runtime/live";
import { DatasetOrigin, LiveStore, StoreSnapshot } from "../runtime/store";
import { expectError } from "../../../test/support/expect-error";

const data = realIndexed();
const LIST = (what?: unknown, commodity?: unknown) => listTable(data, { what, commodity });

function modified(change: (d: Dataset) => void) {
  const dataset = realDataset();
  change(dataset);
  return indexDataset(dataset);
}

const TS2 = [
  "ts2-2025-12-20",
  "ts2.tech",
  "Rare Metals Stocks: Rare Earth Magnet Exports Rebound, Gallium Deals Grow, and Lithium Signals Turn Sharper (Dec. 20, 2025)",
  "2025-12-20",
];
const WEEKLY = [
  "weekly-2025-07-20",
  "Weekly News Review (critical raw materials newsletter)",
  "Weekly News Review July 14 – July 20 2025",
  "2025-07-20",
];
const GINLIX = [
  "ginlix-2025-12-20",
  "Ginlix AI",
  "China's 11% November 2025 Rare-Earth Magnet Export Decline to the U.S.: Supply Chain and Sector Valuation Impacts",
  "2025-12-20",
];
const AINVEST = [
  "ainvest-2025-12-24",
  "AInvest",
  "[Newsletter analysis of the critical minerals sector after the 2025 rare earths rally; no headline given]",
  "2025-12-24",
];
const NEWS = [
  "news-2025-10",
  "Market news summary",
  "Rare Earth Stocks Climb As China Adds Restrictions",
  "2025-10",
];
const FASTMARKETS = [
  "fastmarkets-2023-09-21",
  "Fastmarkets (Metal Bulletin)",
  "China approves first licenses for gallium, germanium shipments since export controls were introduced",
  "2023-09-21",
];
const REUTERS_BAN = [
  "reuters-2024-12-03",
  "Reuters (via Business Recorder)",
  "China bans exports of gallium, germanium, antimony to US",
  "2024-12-03",
];
const BUSINESSTIMES = [
  "businesstimes-2025-11-09",
  "The Business Times (Singapore)",
  "China suspends ban on exports of gallium, germanium, antimony to US",
  "2025-11-09",
];
const XINHUA = [
  "xinhua-2025-10-10",
  "Xinhua (via People's Daily Online)",
  "China announces export control measures on superhard materials, rare earths, battery-related items",
  "2025-10-10",
];
const RAWMATERIALS = [
  "rawmaterials-2025-11-07",
  "Raw Materials Newsletter (rawmaterials.net)",
  "China Officially Suspends October Export Tightening",
  "2025-11-07",
];
const USGS = [
  "usgs-mcs2026",
  "U.S. Geological Survey",
  "Mineral Commodity Summaries 2026 data release",
  "2026",
];

describe("LIST: commodities (the default) — one column of ids, no header", () => {
  test("every commodity in the dataset, in its order", () => {
    const ids = data.dataset.commodities.map((c) => [c.id]);
    expect(LIST()).toEqual(ids);
    expect(LIST("commodities")).toEqual(ids);
    expect(LIST("")).toEqual(ids);
    expect(LIST(null, null)).toEqual(ids);
    expect((LIST() as string[][]).slice(0, 8)).toEqual([
      ["magnets"],
      ["dysprosium"],
      ["terbium"],
      ["gallium"],
      ["germanium"],
      ["antimony"],
      ["tungsten"],
      ["lithium"],
    ]);
  });

  test("with a commodity, its id (names resolve as in EXPORT)", () => {
    expect(LIST("commodities", "rare earth magnets")).toEqual([["magnets"]]);
    expect(LIST("commodity", "8505.11")).toEqual([["magnets"]]);
  });

  test("an empty dataset is #N/A", () => {
    const empty = modified((d) => (d.commodities = []));
    expectError(listTable(empty, {}), "notAvailable", "No commodities in this dataset.");
  });
});

describe("LIST: partners — code and name under a header, World first", () => {
  test("every export partner", () => {
    expect(LIST("partners")).toEqual([
      ["Code", "Name"],
      ["WORLD", "World"],
      ["DE", "Germany"],
      ["US", "United States"],
      ["JP", "Japan"],
      ["KR", "South Korea"],
      ["RU", "Russia"],
    ]);
  });

  test("a commodity's partners", () => {
    expect(LIST("partners", "gallium")).toEqual([
      ["Code", "Name"],
      ["WORLD", "World"],
      ["JP", "Japan"],
      ["DE", "Germany"],
    ]);
    expect(LIST("partner", "magnets")).toEqual([
      ["Code", "Name"],
      ["WORLD", "World"],
      ["DE", "Germany"],
      ["US", "United States"],
      ["JP", "Japan"],
    ]);
  });

  test("World comes first even when the data mentions it later; an unknown code keeps its code", () => {
    const d = modified((ds) => {
      ds.exports = [
        { ...ds.exports[2], partner: "ZZ" },
        { ...ds.exports[2] },
        { ...ds.exports[0] },
      ];
    });
    expect(listTable(d, { what: "partners" })).toEqual([
      ["Code", "Name"],
      ["WORLD", "World"],
      ["ZZ", "ZZ"],
      ["DE", "Germany"],
    ]);
  });

  test("a commodity without export figures is #N/A naming those with some", () => {
    expectError(
      LIST("partners", "lithium"),
      "notAvailable",
      "No trade partners for lithium. Commodities with trade figures: magnets, dysprosium, terbium, gallium, germanium, antimony."
    );
  });
});

describe("LIST: periods — months with export figures, oldest first, YYYY-MM text, no header", () => {
  test("the issue's example", () => {
    expect(LIST("periods", "magnets")).toEqual([
      ["2025-01"],
      ["2025-06"],
      ["2025-10"],
      ["2025-11"],
    ]);
  });
  test("every month", () => {
    expect(LIST("periods")).toEqual([
      ["2024-06"],
      ["2025-01"],
      ["2025-05"],
      ["2025-06"],
      ["2025-10"],
      ["2025-11"],
    ]);
    expect(LIST("months", "gallium")).toEqual([["2024-06"], ["2025-05"], ["2025-06"]]);
  });
  test("none is #N/A", () => {
    expectError(
      LIST("periods", "copper"),
      "notAvailable",
      "No trade periods for copper. Commodities with trade figures: magnets, dysprosium, terbium, gallium, germanium, antimony."
    );
  });
});

describe("LIST: forecasts, indicators, sources, events — tables with a header row", () => {
  test("forecasts", () => {
    const header = ["Commodity", "Variable", "Year", "Forecaster"];
    expect(LIST("forecasts")).toEqual([
      header,
      ["lithium", "price: lithium carbonate", 2026, "Bernstein"],
      ["copper", "price: average", 2026, "Goldman Sachs"],
      ["heavy rare earths", "West's reliance on China", 2030, "Reuters estimate"],
      ["critical minerals refining", "market size", 2032, "Industry report"],
      ["lithium", "market balance", 2026, "Fitch Ratings"],
      ["nickel", "market balance", 2026, "Fitch Ratings"],
    ]);
    expect(LIST("Forecast", "Li")).toEqual([
      header,
      ["lithium", "price: lithium carbonate", 2026, "Bernstein"],
      ["lithium", "market balance", 2026, "Fitch Ratings"],
    ]);
    expectError(
      LIST("forecasts", "magnets"),
      "notAvailable",
      "No forecasts for magnets. Commodities with forecasts: lithium, copper, nickel, heavy rare earths, critical minerals refining."
    );
  });

  test("forecasts differing only in scenario or publication date are listed once", () => {
    const d = modified((ds) => {
      ds.forecasts.push({ ...ds.forecasts[0], scenario: "bull", published: "2025-11" });
    });
    expect((listTable(d, { what: "forecasts" }) as unknown[][]).length).toBe(7);
  });

  test("indicators", () => {
    expect(LIST("indicators", "rare earths")).toEqual([
      ["Commodity", "Indicator", "Period"],
      ["rare earths", "mining quota", "2024"],
      ["rare earths", "smelting and separation quota", "2024"],
      ["rare earths", "China's share of processed rare earths", "2025"],
      ["rare earths", "global recycling rate", "2025"],
      ["rare earths", "Lynas NdPr production (quarter to June)", "2025-06"],
      ["rare earths", "Lynas sales revenue (quarter to June)", "2024-06"],
      ["rare earths", "Lynas sales revenue (quarter to June)", "2025-06"],
    ]);
    const all = LIST("indicators") as unknown[][];
    expect(all).toHaveLength(1 + data.dataset.indicators.length);
    expect(all[1]).toEqual([
      "lithium",
      "lithium carbonate futures intraday high (Guangzhou Futures Exchange most-active)",
      "2025-12",
    ]);
    expectError(
      LIST("indicators", "germanium"),
      "notAvailable",
      "No indicators for germanium. Commodities with indicators: magnets, gallium, antimony, tungsten, lithium, rare earths, heavy rare earths, critical minerals refining, electric vehicles, battery storage."
    );
  });

  test("sources: all, in the dataset's order", () => {
    expect(LIST("sources")).toEqual([
      ["Source ID", "Publisher", "Title", "Date"],
      TS2,
      WEEKLY,
      GINLIX,
      AINVEST,
      NEWS,
      FASTMARKETS,
      [
        "reuters-2024-08-15",
        "Reuters (via Daily Mail wire feed)",
        "China to impose export controls on strategic metal antimony from Sept. 15",
        "2024-08-15",
      ],
      REUTERS_BAN,
      [
        "reuters-2025-02-04",
        "Reuters (via Malay Mail)",
        "China expands critical mineral export controls after US imposes tariffs",
        "2025-02-04",
      ],
      [
        "smm-2025-04-06",
        "SMM (Shanghai Metals Market)",
        "Medium-heavy rare earth has become the first dual-use material to be included in export controls. Industry insiders predict that this will drive up the price of medium-heavy rare earth.",
        "2025-04-06",
      ],
      XINHUA,
      BUSINESSTIMES,
      RAWMATERIALS,
      USGS,
    ]);
  });

  test("sources a commodity's figures, changes, forecasts, indicators, events and USGS rows cite", () => {
    const header = ["Source ID", "Publisher", "Title", "Date"];
    expect(LIST("sources", "magnets")).toEqual([header, TS2, WEEKLY, GINLIX, AINVEST]);
    expect(LIST("sources", "gallium")).toEqual([
      header,
      TS2,
      WEEKLY,
      FASTMARKETS,
      REUTERS_BAN,
      BUSINESSTIMES,
      USGS,
    ]);
    expect(LIST("sources", "rare earths")).toEqual([
      header,
      TS2,
      WEEKLY,
      NEWS,
      XINHUA,
      RAWMATERIALS,
      USGS,
    ]);
    expect(LIST("source", "critical minerals refining")).toEqual([header, TS2, AINVEST]);
    expect(LIST("sources", "cobalt")).toEqual([header, USGS]);
  });

  test("sources: a commodity with no rows is #N/A; a cited id missing from the source list is left out", () => {
    const d = modified((ds) => {
      ds.commodities.push({ id: "tin", name: "Tin", aliases: [], customs_codes: [], unit: null });
      ds.reported_changes[0].source_id = "gone";
    });
    expectError(
      listTable(d, { what: "sources", commodity: "tin" }),
      "notAvailable",
      /^No sources cited for tin\. Commodities with sourced figures: magnets, dysprosium, /
    );
    expect(listTable(d, { what: "sources", commodity: "magnets" })).toEqual([
      ["Source ID", "Publisher", "Title", "Date"],
      TS2,
      WEEKLY,
      GINLIX,
      AINVEST,
    ]);
  });

  test("the source list decides what is listed", () => {
    const d = modified((ds) => {
      ds.sources = ds.sources.filter((s) => s.source_id !== "news-2025-10");
      ds.sources.push({ ...ds.sources[0], source_id: "news-2025-10-x" });
    });
    // news-2025-10 is cited by a rare-earths event, but the source list no longer has it.
    expect(listTable(d, { what: "sources", commodity: "rare earths" })).toEqual([
      ["Source ID", "Publisher", "Title", "Date"],
      TS2,
      WEEKLY,
      XINHUA,
      RAWMATERIALS,
      USGS,
    ]);
    expect((listTable(d, { what: "sources" }) as unknown[][]).at(-1)).toEqual([
      "news-2025-10-x",
      ...TS2.slice(1),
    ]);
  });

  test("events", () => {
    const header = ["Date", "Commodities", "Partner", "Action", "Until"];
    expect(LIST("events")).toEqual([
      header,
      ["2023-08-01", "gallium, germanium", "All destinations", "licence required", ""],
      ["2024-09-15", "antimony", "All destinations", "licence required", ""],
      ["2024-12-03", "gallium, germanium, antimony", "United States", "export ban", ""],
      ["2025-02-04", "tungsten", "All destinations", "licence required", ""],
      ["2025-04-04", "dysprosium, terbium", "All destinations", "licence required", ""],
      ["2025-10-09", "rare earths", "All destinations", "controls expanded", ""],
      [
        "2025-11-07",
        "rare earths",
        "All destinations",
        "controls expanded suspended",
        "2026-11-10",
      ],
      [
        "2025-11-09",
        "gallium, germanium, antimony",
        "United States",
        "export ban suspended",
        "2026-11-27",
      ],
      ["2025-12", "rare earths", "All destinations", "general licences introduced", ""],
    ]);
    expect(LIST("event", "tungsten")).toEqual([
      header,
      ["2025-02-04", "tungsten", "All destinations", "licence required", ""],
    ]);
    expectError(
      LIST("events", "lithium"),
      "notAvailable",
      "No export-control events recorded for lithium. Commodities with export-control events: dysprosium, terbium, gallium, germanium, antimony, tungsten, rare earths."
    );
  });

  test("a kind absent from the dataset is #N/A, with or without a commodity", () => {
    const d = modified((ds) => {
      ds.forecasts = [];
      ds.events = [];
    });
    expectError(
      listTable(d, { what: "forecasts" }),
      "notAvailable",
      "No forecasts in this dataset."
    );
    expectError(listTable(d, { what: "events" }), "notAvailable", "No events in this dataset.");
    expectError(
      listTable(d, { what: "forecasts", commodity: "lithium" }),
      "notAvailable",
      "No forecasts for lithium."
    );
  });
});

describe("LIST: arguments", () => {
  test.each([["Partners"], [" PARTNERS "], ["partner"]])("what %p", (what) => {
    expect(LIST(what, "gallium")).toEqual(LIST("partners", "gallium"));
  });

  test("every kind and alias parses", () => {
    for (const kind of LIST_KINDS) expect(parseListKind(kind)).toBe(kind);
    expect(parseListKind("month")).toBe("periods");
    expect(parseListKind(undefined)).toBe("commodities");
  });

  const OPTIONS =
    "commodities, partners, reporters, flows, periods, forecasts, indicators, sources, events";
  test.each([
    [["countries"], `Unknown list 'countries'; use one of ${OPTIONS}.`],
    [[" foo "], `Unknown list 'foo'; use one of ${OPTIONS}.`],
    [[5], `Cannot read 5 as a list; use one of ${OPTIONS}.`],
    [[true], `Cannot read TRUE as a list; use one of ${OPTIONS}.`],
    [[[["partners"]]], `Cannot read a range as a list; use one of ${OPTIONS}.`],
    [["partners", "magnium"], "Unknown commodity 'magnium'. Did you mean 'magnets'?"],
    [["partners", true], "Cannot read TRUE as a commodity."],
    [[undefined, "unobtainium"], "Unknown commodity 'unobtainium'."],
  ])("LIST%j is #VALUE!", (args, message) => {
    expectError(LIST(...(args as [unknown, unknown?])), "invalidValue", message);
  });

  test("each result is a fresh matrix: changing it does not change the next one", () => {
    const first = LIST("partners") as unknown[][];
    first[1][0] = "changed";
    first.push(["x"]);
    expect((LIST("partners") as unknown[][])[1][0]).toBe("WORLD");
    expect(LIST("partners")).toHaveLength(7);
  });
});

// ---------------------------------------------------------------------------------------------
// DATAVERSION

const LOADED = new Date(Date.UTC(2026, 10, 22, 9, 30, 5, 120));
const snapshot = (
  origin: DatasetOrigin = { kind: "bundled" },
  loadedAt = LOADED,
  d = data
): StoreSnapshot => ({ data: d, origin, loadedAt });
const DATAVERSION = (field?: unknown, s = snapshot()) => dataVersion(s, { field });

describe("DATAVERSION", () => {
  test("each field of the bundled dataset", () => {
    expect(DATAVERSION()).toBe("2026.12.01");
    expect(DATAVERSION("version")).toBe("2026.12.01");
    expect(DATAVERSION("asof")).toBe("2026-11-22");
    expect(DATAVERSION("origin")).toBe("bundled");
    expect(DATAVERSION("hash")).toBe(data.dataset.hash);
    expect(DATAVERSION("hash")).toMatch(/^[0-9a-f]{64}$/);
    expect(DATAVERSION("loaded")).toBe("2026-11-22T09:30:05.120Z");
    expect(DATAVERSION("name")).toBe("Minerals for Excel reference dataset");
    expect(DATAVERSION("format")).toBe(1);
  });

  test("origin of a feed and of a file", () => {
    expect(
      DATAVERSION("origin", snapshot({ kind: "feed", url: "https://example.org/m.json" }))
    ).toBe("https://example.org/m.json");
    expect(DATAVERSION("origin", snapshot({ kind: "file", name: "minerals.json" }))).toBe(
      "file: minerals.json"
    );
  });

  test.each([
    ["As of", "2026-11-22"],
    ["as_of", "2026-11-22"],
    ["AS-OF", "2026-11-22"],
    [" Version ", "2026.12.01"],
    ["format_version", 1],
    ["loaded_at", "2026-11-22T09:30:05.120Z"],
    ["", "2026.12.01"],
    [null, "2026.12.01"],
  ])("field %p", (field, expected) => {
    expect(DATAVERSION(field)).toBe(expected);
  });

  test("every field parses", () => {
    for (const field of DATAVERSION_FIELDS) expect(parseDataVersionField(field)).toBe(field);
  });

  const OPTIONS = "version, asof, origin, hash, loaded, name, format";
  test.each([
    ["date", `Unknown field 'date'; use one of ${OPTIONS}.`],
    [" url ", `Unknown field 'url'; use one of ${OPTIONS}.`],
    [1, `Cannot read 1 as a field; use one of ${OPTIONS}.`],
    [false, `Cannot read FALSE as a field; use one of ${OPTIONS}.`],
    [[["version"]], `Cannot read a range as a field; use one of ${OPTIONS}.`],
  ])("field %p is #VALUE!", (field, message) => {
    expectError(DATAVERSION(field), "invalidValue", message);
  });

  test("what the dataset does not state is #N/A", () => {
    const unhashed = modified((d) => (d.hash = ""));
    expectError(
      DATAVERSION("hash", snapshot(undefined, undefined, unhashed)),
      "notAvailable",
      "This dataset states no hash."
    );
    const blank = modified((d) => {
      d.version = "";
      d.as_of = "";
      d.name = "";
    });
    const s = snapshot(undefined, undefined, blank);
    expectError(DATAVERSION("version", s), "notAvailable", "This dataset states no version.");
    expectError(DATAVERSION("asof", s), "notAvailable", "This dataset states no as-of date.");
    expectError(DATAVERSION("name", s), "notAvailable", "This dataset states no name.");
    expectError(
      DATAVERSION("loaded", snapshot(undefined, new Date(Number.NaN))),
      "notAvailable",
      "The time this dataset was loaded is not known."
    );
    expectError(
      DATAVERSION("loaded", snapshot(undefined, "yesterday" as unknown as Date)),
      "notAvailable",
      "The time this dataset was loaded is not known."
    );
  });

  test("a live cell receives the new version the moment a new dataset is in use", () => {
    const store = new LiveStore(data, { kind: "bundled" }, LOADED);
    const cells = {
      version: [] as CellResult[],
      origin: [] as CellResult[],
      loaded: [] as CellResult[],
    };
    const cancels: (() => void)[] = [];
    for (const field of ["version", "origin", "loaded"] as const) {
      const cell: { setResult(v: CellResult): void; onCanceled?: () => void } = {
        setResult: (v) => cells[field].push(v),
      };
      bindLiveCell(
        store,
        cell,
        (s) => dataVersion(s, { field }),
        (r) => r
      );
      cancels.push(() => cell.onCanceled?.());
    }
    expect(cells.version).toEqual(["2026.12.01"]);

    const next = modified((d) => {
      d.version = "2026.12.15";
      d.as_of = "2026-12-15";
    });
    const later = new Date(Date.UTC(2026, 11, 1, 8, 0, 0));
    store.replace(next, { kind: "feed", url: "https://example.org/minerals.json" }, later);
    expect(cells.version).toEqual(["2026.12.01", "2026.12.15"]);
    expect(cells.origin).toEqual(["bundled", "https://example.org/minerals.json"]);
    expect(cells.loaded).toEqual(["2026-11-22T09:30:05.120Z", "2026-12-01T08:00:00.000Z"]);

    // The same dataset loaded again from a file: the version is unchanged, so its cell is not re-sent.
    store.replace(next, { kind: "file", name: "minerals.json" }, later);
    expect(cells.version).toHaveLength(2);
    expect(cells.origin).toEqual([
      "bundled",
      "https://example.org/minerals.json",
      "file: minerals.json",
    ]);
    expect(cells.loaded).toHaveLength(2);

    cancels.forEach((cancel) => cancel());
    expect(store.listenerCount).toBe(0);
  });
});

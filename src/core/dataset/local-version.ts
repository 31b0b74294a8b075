/** Appended to the version of a dataset changed by an import of rows, so DATAVERSION() shows it was modified locally. */
export const LOCAL_VERSION_SUFFIX = "+local";

/** "2026.11.22" → "2026.11.22+local"; a version already marked local keeps one mark. */
export function localVersion(version: string): string {
  const base = version.endsWith(LOCAL_VERSION_SUFFIX)
    ? version.slice(0, -LOCAL_VERSION_SUFFIX.length)
    : version;
  return `${base.slice(0, 64 - LOCAL_VERSION_SUFFIX.length)}${LOCAL_VERSION_SUFFIX}`;
}

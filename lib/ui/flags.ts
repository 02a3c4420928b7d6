import { hasFlag } from 'country-flag-icons';

/** The build copies country-flag-icons' 3x2 SVGs here, one file a country (see wxt.config.ts). */
export const FLAGS_DIR = 'flags';

/**
 * Where a country's flag image is in the extension (`US` → `/flags/US.svg`), or null when there is
 * none. Only two-letter codes the package draws: the code comes from the API and goes into a URL.
 */
export function flagPath(iso2: string | null | undefined): string | null {
  if (!iso2) return null;
  const code = iso2.toUpperCase();
  return /^[A-Z]{2}$/.test(code) && hasFlag(code) ? `/${FLAGS_DIR}/${code}.svg` : null;
}

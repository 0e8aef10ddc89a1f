import fs from 'node:fs';
import { LocalityCatalogue } from '../domain/localities/catalogue';
import type { Config } from './config';

/** The catalogue named by configuration (DLXH_ADMIN_UNITS), or the 34 built-in provinces when none is configured. */
export function loadLocalityCatalogue(config: Pick<Config, 'adminUnitsFile'>): LocalityCatalogue {
  if (!config.adminUnitsFile) return LocalityCatalogue.default();
  let text: string;
  try {
    text = fs.readFileSync(config.adminUnitsFile, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the locality catalogue ${config.adminUnitsFile}: ${(error as Error).message}`);
  }
  return LocalityCatalogue.fromJson(text);
}

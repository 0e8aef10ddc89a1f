import { SECTOR_LABELS, SECTORS, type Sector } from '../../../domain/vocabulary';

/**
 * The Open311 service list: one service per sector (lĩnh vực), its code the sector's code, so a request's
 * `service_code` is the sector of the report it becomes.
 */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

export const OPEN311_GROUP = 'Phản ánh dư luận xã hội';

export function open311Services(): Open311Service[] {
  return SECTORS.map((sector) => ({
    service_code: sector,
    service_name: SECTOR_LABELS[sector],
    description: `Phản ánh, kiến nghị của người dân thuộc lĩnh vực ${SECTOR_LABELS[sector].toLocaleLowerCase('vi')}`,
    metadata: false,
    type: 'realtime',
    keywords: SECTOR_LABELS[sector].toLocaleLowerCase('vi'),
    group: OPEN311_GROUP,
  }));
}

export function sectorOfServiceCode(code: unknown): Sector | undefined {
  return typeof code === 'string' && (SECTORS as readonly string[]).includes(code) ? (code as Sector) : undefined;
}

import type { Rng } from './random.ts';

/**
 * Plausible mobile numbers per country, in E.164. Clients run numbers through
 * libphonenumber, so every format here yields numbers it accepts as valid
 * mobiles of that country (catalog.test.ts checks each country).
 */

/** A national mobile number: one of `prefixes`, then random digits up to `length` digits. */
interface MobileFormat {
  callingCode: string;
  prefixes: readonly string[];
  length: number;
}

/**
 * Real area codes only: libphonenumber validates North American numbers by area
 * code, and 555 or N11 exchanges mark a number as fake.
 */
const US_AREA_CODES = [
  '201', '202', '206', '212', '213', '214', '215', '305', '312', '313', '404', '415', '503', '512', '602',
  '617', '646', '702', '713', '718', '720', '786', '818', '917', '929', '971', '989',
] as const;
const CA_AREA_CODES = ['204', '226', '250', '306', '403', '416', '438', '514', '587', '604', '613', '647', '780', '902', '905'] as const;

const MOBILE_FORMATS: Readonly<Record<string, MobileFormat>> = {
  GB: { callingCode: '44', prefixes: ['740', '741', '742', '743', '744', '746', '747', '748', '749', '751', '753', '754', '771', '772', '773', '774', '775', '776', '777', '780', '784', '785', '786', '787', '788', '789', '790', '792', '794', '795', '796', '797', '798', '799'], length: 10 },
  NG: { callingCode: '234', prefixes: ['803', '806', '813', '816', '703', '706', '805', '807', '815', '802', '808', '812', '809', '817'], length: 10 },
  IN: { callingCode: '91', prefixes: ['98', '99', '97', '96', '93', '94', '90', '91', '95', '70', '72', '74', '84', '85', '60'], length: 10 },
  MY: { callingCode: '60', prefixes: ['12', '16', '19'], length: 9 },
  PH: { callingCode: '63', prefixes: ['905', '906', '915', '916', '917', '926', '927', '935', '936', '945', '955', '956', '965', '966', '975', '977', '995', '997', '908', '918', '919', '920', '921', '928', '929', '939', '947', '949', '951', '961', '998', '999'], length: 10 },
  ID: { callingCode: '62', prefixes: ['812', '813', '821', '822', '852', '853', '811', '814', '815', '816', '855', '856', '857', '858', '817', '818', '819', '859', '877', '878', '838', '831', '832', '833', '895', '896', '897', '898', '899', '881', '882', '883', '887', '888', '889'], length: 11 },
  VN: { callingCode: '84', prefixes: ['90', '91', '93', '94', '96', '97', '98', '32', '33', '34', '35', '36', '37', '38', '39', '70', '76', '77', '78', '79', '81', '82', '83', '84', '85', '86', '88'], length: 9 },
  EG: { callingCode: '20', prefixes: ['10', '11', '12', '15'], length: 10 },
  FR: { callingCode: '33', prefixes: ['60', '61', '62', '64', '65', '66', '67', '68', '75', '76', '77', '78'], length: 9 },
  DE: { callingCode: '49', prefixes: ['151', '152', '157', '159', '160', '162', '163', '170', '171', '172', '173', '174', '175', '176', '177', '178', '179'], length: 11 },
  ES: { callingCode: '34', prefixes: ['6', '71', '72', '73', '74'], length: 9 },
  IT: { callingCode: '39', prefixes: ['320', '322', '323', '324', '327', '328', '329', '330', '331', '333', '334', '335', '336', '337', '338', '339', '340', '342', '343', '345', '346', '347', '348', '349', '350', '351', '360', '366', '368', '370', '371', '373', '377', '380', '388', '389', '391', '392', '393'], length: 10 },
  TH: { callingCode: '66', prefixes: ['61', '62', '63', '64', '65', '66', '8', '9'], length: 9 },
  AU: { callingCode: '61', prefixes: ['40', '41', '42', '43', '46'], length: 9 },
  BR: { callingCode: '55', prefixes: ['119', '219', '319', '419', '519', '619', '719', '819', '919'], length: 11 },
  RU: { callingCode: '7', prefixes: ['90', '91', '92', '95', '96', '97', '98', '99'], length: 10 },
  UA: { callingCode: '380', prefixes: ['50', '66', '67', '68', '96', '97', '98', '63', '73', '93', '95', '99'], length: 9 },
  KE: { callingCode: '254', prefixes: ['70', '71', '72', '74', '79', '11'], length: 9 },
  PL: { callingCode: '48', prefixes: ['50', '51', '53', '57', '60', '66', '69', '72', '73', '78', '79', '88'], length: 9 },
  NL: { callingCode: '31', prefixes: ['61', '62', '63', '64', '65'], length: 9 },
  SE: { callingCode: '46', prefixes: ['70', '72', '73', '76', '79'], length: 9 },
  PT: { callingCode: '351', prefixes: ['91', '92', '93', '96'], length: 9 },
  RO: { callingCode: '40', prefixes: ['72', '73', '74', '75', '76', '77'], length: 9 },
  MX: { callingCode: '52', prefixes: ['55', '33', '81'], length: 10 },
  CO: { callingCode: '57', prefixes: ['300', '301', '310', '311', '312', '313', '314', '315', '316', '317', '318', '320', '321', '322', '350'], length: 10 },
  CL: { callingCode: '56', prefixes: ['92', '94', '95', '98'], length: 9 },
  ZA: { callingCode: '27', prefixes: ['60', '71', '72', '73', '74', '76', '78', '79', '82', '83', '84'], length: 9 },
  GH: { callingCode: '233', prefixes: ['20', '24', '26', '27', '50', '54', '55'], length: 9 },
  MA: { callingCode: '212', prefixes: ['60', '61', '62', '63', '64', '65', '66', '67', '69', '70', '71', '76', '77'], length: 9 },
  PK: { callingCode: '92', prefixes: ['300', '301', '302', '303', '304', '305', '306', '307', '308', '309', '310', '311', '312', '313', '314', '315', '320', '321', '322', '323', '330', '331', '332', '333', '334', '335', '340', '341', '342', '343', '344', '345', '346', '347'], length: 10 },
  BD: { callingCode: '880', prefixes: ['13', '14', '15', '16', '17', '18', '19'], length: 10 },
  TR: { callingCode: '90', prefixes: ['530', '531', '532', '533', '534', '535', '536', '537', '538', '539', '541', '542', '543', '544', '545', '546', '547', '548', '549', '505', '506', '507', '501'], length: 10 },
  IL: { callingCode: '972', prefixes: ['53', '500', '502', '503', '504', '505', '506', '507', '508', '509', '522', '523', '524', '525', '526', '527', '528', '529', '542', '543', '544', '545', '546', '547', '548', '549'], length: 9 },
  KZ: { callingCode: '7', prefixes: ['700', '701', '702', '705', '706', '707', '708', '747', '771', '775', '776', '777', '778'], length: 10 },
  KH: { callingCode: '855', prefixes: ['10', '11', '15', '16', '92', '95', '99'], length: 8 },
  MM: { callingCode: '95', prefixes: ['975', '976', '977', '978', '979', '96', '994', '995', '996', '997'], length: 10 },
  HK: { callingCode: '852', prefixes: ['61', '63', '64', '65', '69', '94', '96', '97'], length: 8 },
  LK: { callingCode: '94', prefixes: ['70', '71', '72', '75', '76', '77', '78'], length: 9 },
};

/** +1 NPA NXX XXXX, avoiding the 555 and N11 exchanges reserved for fiction and services. */
function northAmericanNumber(areaCodes: readonly string[], rng: Rng): string {
  let exchange: string;
  do {
    exchange = String(rng.int(2, 9)) + rng.digits(2);
  } while (exchange === '555' || exchange.endsWith('11'));
  return `+1${rng.pick(areaCodes)}${exchange}${rng.digits(4)}`;
}

/** A random mobile number of the country with this ISO 3166 alpha-2 code, in E.164. */
export function generateNumber(iso2: string, rng: Rng): string {
  if (iso2 === 'US') return northAmericanNumber(US_AREA_CODES, rng);
  if (iso2 === 'CA') return northAmericanNumber(CA_AREA_CODES, rng);
  const format = MOBILE_FORMATS[iso2];
  if (!format) throw new Error(`No mobile number format for ${iso2}`);
  const prefix = rng.pick(format.prefixes);
  return `+${format.callingCode}${prefix}${rng.digits(format.length - prefix.length)}`;
}

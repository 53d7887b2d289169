/**
 * ITU Maritime Identification Digits (ITU-R M.585, Table of MIDs kept by the ITU
 * under RR Appendix 43): the three digits that begin a ship station's MMSI, with
 * the ISO 3166-1 alpha-2 code (lower case) of the administration or territory
 * they are allocated to. Digits 201–279 Europe, 301–379 North and Central
 * America and the Caribbean, 401–478 Asia, 501–578 Oceania, 601–679 Africa,
 * 701–775 South America.
 *
 * Where the ITU lists a territory separately (Azores, Madeira, Alaska, Adélie
 * Land, Crozet, Kerguelen, Ascension…) its MID maps to the ISO code that covers
 * it: pt, us, tf, sh. MID 306 (Bonaire, Curaçao, Sint Maarten) maps to cw.
 */
export const MID_COUNTRIES: Readonly<Record<number, string>> = Object.freeze({
  // Europe
  201: 'al', 202: 'ad', 203: 'at', 204: 'pt', 205: 'be', 206: 'by', 207: 'bg', 208: 'va',
  209: 'cy', 210: 'cy', 211: 'de', 212: 'cy', 213: 'ge', 214: 'md', 215: 'mt', 216: 'am',
  218: 'de', 219: 'dk', 220: 'dk', 224: 'es', 225: 'es', 226: 'fr', 227: 'fr', 228: 'fr',
  229: 'mt', 230: 'fi', 231: 'fo', 232: 'gb', 233: 'gb', 234: 'gb', 235: 'gb', 236: 'gi',
  237: 'gr', 238: 'hr', 239: 'gr', 240: 'gr', 241: 'gr', 242: 'ma', 243: 'hu', 244: 'nl',
  245: 'nl', 246: 'nl', 247: 'it', 248: 'mt', 249: 'mt', 250: 'ie', 251: 'is', 252: 'li',
  253: 'lu', 254: 'mc', 255: 'pt', 256: 'mt', 257: 'no', 258: 'no', 259: 'no', 261: 'pl',
  262: 'me', 263: 'pt', 264: 'ro', 265: 'se', 266: 'se', 267: 'sk', 268: 'sm', 269: 'ch',
  270: 'cz', 271: 'tr', 272: 'ua', 273: 'ru', 274: 'mk', 275: 'lv', 276: 'ee', 277: 'lt',
  278: 'si', 279: 'rs',
  // North and Central America, Caribbean
  301: 'ai', 303: 'us', 304: 'ag', 305: 'ag', 306: 'cw', 307: 'aw', 308: 'bs', 309: 'bs',
  310: 'bm', 311: 'bs', 312: 'bz', 314: 'bb', 316: 'ca', 319: 'ky', 321: 'cr', 323: 'cu',
  325: 'dm', 327: 'do', 329: 'gp', 330: 'gd', 331: 'gl', 332: 'gt', 334: 'hn', 336: 'ht',
  338: 'us', 339: 'jm', 341: 'kn', 343: 'lc', 345: 'mx', 347: 'mq', 348: 'ms', 350: 'ni',
  351: 'pa', 352: 'pa', 353: 'pa', 354: 'pa', 355: 'pa', 356: 'pa', 357: 'pa', 358: 'pr',
  359: 'sv', 361: 'pm', 362: 'tt', 364: 'tc', 366: 'us', 367: 'us', 368: 'us', 369: 'us',
  370: 'pa', 371: 'pa', 372: 'pa', 373: 'pa', 374: 'pa', 375: 'vc', 376: 'vc', 377: 'vc',
  378: 'vg', 379: 'vi',
  // Asia
  401: 'af', 403: 'sa', 405: 'bd', 408: 'bh', 410: 'bt', 412: 'cn', 413: 'cn', 414: 'cn',
  416: 'tw', 417: 'lk', 419: 'in', 422: 'ir', 423: 'az', 425: 'iq', 428: 'il', 431: 'jp',
  432: 'jp', 434: 'tm', 436: 'kz', 437: 'uz', 438: 'jo', 440: 'kr', 441: 'kr', 443: 'ps',
  445: 'kp', 447: 'kw', 450: 'lb', 451: 'kg', 453: 'mo', 455: 'mv', 457: 'mn', 459: 'np',
  461: 'om', 463: 'pk', 466: 'qa', 468: 'sy', 470: 'ae', 471: 'ae', 472: 'tj', 473: 'ye',
  475: 'ye', 477: 'hk', 478: 'ba',
  // Oceania
  501: 'tf', 503: 'au', 506: 'mm', 508: 'bn', 510: 'fm', 511: 'pw', 512: 'nz', 514: 'kh',
  515: 'kh', 516: 'cx', 518: 'ck', 520: 'fj', 523: 'cc', 525: 'id', 529: 'ki', 531: 'la',
  533: 'my', 536: 'mp', 538: 'mh', 540: 'nc', 542: 'nu', 544: 'nr', 546: 'pf', 548: 'ph',
  550: 'tl', 553: 'pg', 555: 'pn', 557: 'sb', 559: 'as', 561: 'ws', 563: 'sg', 564: 'sg',
  565: 'sg', 566: 'sg', 567: 'th', 570: 'to', 572: 'tv', 574: 'vn', 576: 'vu', 577: 'vu',
  578: 'wf',
  // Africa
  601: 'za', 603: 'ao', 605: 'dz', 607: 'tf', 608: 'sh', 609: 'bi', 610: 'bj', 611: 'bw',
  612: 'cf', 613: 'cm', 615: 'cg', 616: 'km', 617: 'cv', 618: 'tf', 619: 'ci', 620: 'km',
  621: 'dj', 622: 'eg', 624: 'et', 625: 'er', 626: 'ga', 627: 'gh', 629: 'gm', 630: 'gw',
  631: 'gq', 632: 'gn', 633: 'bf', 634: 'ke', 635: 'tf', 636: 'lr', 637: 'lr', 638: 'ss',
  642: 'ly', 644: 'ls', 645: 'mu', 647: 'mg', 649: 'ml', 650: 'mz', 654: 'mr', 655: 'mw',
  656: 'ne', 657: 'ng', 659: 'na', 660: 're', 661: 'rw', 662: 'sd', 663: 'sn', 664: 'sc',
  665: 'sh', 666: 'so', 667: 'sl', 668: 'st', 669: 'sz', 670: 'td', 671: 'tg', 672: 'tn',
  674: 'tz', 675: 'ug', 676: 'cd', 677: 'tz', 678: 'zm', 679: 'zw',
  // South America
  701: 'ar', 710: 'br', 720: 'bo', 725: 'cl', 730: 'co', 735: 'ec', 740: 'fk', 745: 'gf',
  750: 'gy', 755: 'py', 760: 'pe', 765: 'sr', 770: 'uy', 775: 've',
});

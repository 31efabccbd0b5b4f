/**
 * exceljs, loaded when a workbook is first read or written: about 900 kB minified, so it is a chunk
 * of its own that the console fetches (from the gateway) only for XLSX work. In the browser Vite
 * takes exceljs's browser build (package.json "browser": dist/exceljs.min.js, no node polyfills
 * needed); in node its CommonJS build.
 */
import type * as ExcelJS from 'exceljs';

export type ExcelModule = typeof ExcelJS;

let loading: Promise<ExcelModule> | null = null;

export function loadExcel(): Promise<ExcelModule> {
  loading ??= import('exceljs').then((m) => (m as { default?: ExcelModule }).default ?? m);
  return loading;
}

/** 批量核验: the page's component (console/src/bulk holds it and its pure modules). */
export { BulkCheck, type BulkCheckProps } from '../../bulk/BulkCheck';

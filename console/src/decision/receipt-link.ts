/** Opening the print view: the decision travels in the session (a reload of /console/receipt keeps it). */
import type { NavigateFunction } from 'react-router';
import type { Decision } from './DecisionView';

const RECEIPT_KEY = 'luoyang.console.receipt';

export interface ReceiptState {
  readonly decision: Decision;
  readonly entitlementName: string;
}

export function openReceipt(navigate: NavigateFunction, state: ReceiptState): void {
  sessionStorage.setItem(RECEIPT_KEY, JSON.stringify(state));
  void navigate('/receipt');
}

export function receiptState(): ReceiptState | null {
  const raw = sessionStorage.getItem(RECEIPT_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as ReceiptState;
  } catch {
    return null;
  }
}

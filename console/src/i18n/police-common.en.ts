import type { PoliceCommonStrings } from './police-common.zh-CN';

export const policeCommonEn: PoliceCommonStrings = {
  refusedArticle: 'Article',
  refusedWindow: (from: string, to: string) => `Endorsement window: ${from} to ${to}`,
  refusedServer: 'Gateway',
  refusedReason: 'Reason',
};

/** Strings every police page's refusal box uses. */
export const policeCommonZhCN = {
  refusedArticle: '依据',
  refusedWindow: (from: string, to: string) => `签注期：${from} 至 ${to}`,
  refusedServer: '平台说明',
  refusedReason: '原因代码',
};

export type PoliceCommonStrings = typeof policeCommonZhCN;

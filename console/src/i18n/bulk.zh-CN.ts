/** 批量核验 (bulk check): the page's strings and the sentences for refused rows, in Chinese. */
export const bulkZhCN = {
  title: '批量核验',
  intro:
    '上传 CSV 或 XLSX 文件（最多 1000 行，不超过 5 MB），第一行为表头：公民身份号码、姓名、核验事项、子女公民身份号码、核验日期。',
  templateXlsx: '下载模板（XLSX）',
  templateCsv: '下载模板（CSV）',
  dropHint: '点击或将文件拖到此处',
  dropSubHint: '支持 CSV（UTF-8 或 GB18030）和 XLSX；文件只在本机读取，核验时才发送到网关',
  reading: '正在读取文件…',
  fileLabel: (name: string) => `文件：${name}`,
  summary: (total: number, accepted: number, refused: number) =>
    `共 ${total} 行：${accepted} 行可以核验，${refused} 行有问题，不会发送。`,
  refusedTitle: (n: number) => `有问题的行（${n} 行，不会发送）`,
  refusedRow: '行号',
  refusedProblem: '问题',
  noRows: '文件中没有数据行。',
  run: (n: number) => `核验 ${n} 行`,
  running: (n: number) => `正在核验 ${n} 行，请稍候…`,
  reset: '重新上传',
  resultsTitle: (n: number, eligible: number) => `核验结果：${n} 行，其中 ${eligible} 行符合`,
  downloadCsv: '下载结果（CSV）',
  downloadXlsx: '下载结果（XLSX）',
  col: {
    rowNumber: '行号',
    citizenIdNumber: '公民身份号码',
    holderName: '姓名',
    entitlement: '核验事项',
    dependentCitizenIdNumber: '子女公民身份号码',
    asOf: '核验日期',
    result: '核验结果',
    failed: '未通过条件',
    validThrough: '有效期至',
    decisionId: '决定编号',
  },
  eligible: '符合',
  notEligible: '不符合',
  batchFailed: '批量核验未完成',
  errorWithCode: (sentence: string, code: string) => `${sentence}（错误代码：${code}）`,
  errors: {
    UNAUTHENTICATED: '登录已失效，请重新登录后再核验。',
    FORBIDDEN: '您无权核验其中的核验事项。',
    BAD_USER_INPUT: '网关拒绝了这批数据，请核对文件内容。',
    NOT_FOUND: '网关找不到其中的核验事项。',
    RATE_LIMITED: '请求过于频繁，请稍后再试。',
    SERVICE_UNAVAILABLE: '网关暂时无法处理，请稍后再试。',
    NETWORK: '无法连接网关，请检查网络后再试。',
    UNKNOWN: '网关返回了错误。',
  } as Record<string, string>,
  fileErrors: {
    FILE_TOO_LARGE: (mb: number) => `文件超过 ${mb} MB，请拆分后分批上传。`,
    TOO_MANY_ROWS: (max: number, got: number) =>
      `文件有 ${got} 个数据行，一次最多 ${max} 行，请拆分后分批上传。`,
    UNSUPPORTED_TYPE: '只支持 CSV 和 XLSX 文件（旧版 XLS 请另存为 XLSX）。',
    UNREADABLE: '无法读取该文件，它可能已损坏或不是 CSV / XLSX 文件。',
    MISSING_COLUMNS: (cols: string) => `表头缺少以下列：${cols}。请使用模板。`,
    EMPTY: '文件是空的。',
  },
  problems: {
    ID_EMPTY: '公民身份号码不能为空。',
    ID_PRECISION_LOST:
      '公民身份号码是以数字格式保存的，18位号码的后几位已经丢失；请将该列设置为文本格式后重新输入号码。',
    CHILD_PRECISION_LOST:
      '子女公民身份号码是以数字格式保存的，18位号码的后几位已经丢失；请将该列设置为文本格式后重新输入号码。',
    CHILD_INVALID: (why: string) => `子女公民身份号码有误：${why}`,
    CHILD_REQUIRED: (name: string) => `核验“${name}”须填写子女公民身份号码。`,
    NAME_EMPTY: '姓名不能为空。',
    NAME_TOO_LONG: '姓名过长（不能超过256个字符）。',
    ENTITLEMENT_EMPTY: '核验事项不能为空，请填写核验事项的代码或中文名称。',
    ENTITLEMENT_UNKNOWN: (v: string) => `核验事项“${v}”不存在，请填写核验事项的代码或中文名称。`,
    ENTITLEMENT_OUT_OF_SCOPE: (v: string) => `核验事项“${v}”不在本单位的核验范围内。`,
    DATE_INVALID: (v: string) =>
      `核验日期“${v}”不是有效日期，请填写 YYYY-MM-DD 格式的日期（如 2026-11-28）或留空（即今天）。`,
  },
};

export type BulkStrings = typeof bulkZhCN;

/** 变更登记, 挂失/补领, 子女登记 (public security, delegated agencies): the pages' strings in Chinese. */
export const changesZhCN = {
  // the holder lookup every page starts with
  lookupTitle: '按公民身份号码查询',
  lookupSubmit: '查询',
  lookupNotFound: '本辖区没有该公民身份号码的居住登记档案。',
  holderTitle: '持证人档案',
  name: '姓名',
  citizenIdNumber: '公民身份号码',
  hukouAddress: '户籍地址',
  residenceRegion: '居住地',
  residenceAddress: '居住地址',
  permit: '当前居住证',
  permitNone: '该持证人尚无居住证，不能办理此项业务。',
  permitNumber: (id: string, card: number) => `证件编号 ${id} · 第${card}张卡`,
  issuedOn: '签发日期',
  permitRegion: '居住证所在地',
  status: '居住证状态',
  validThrough: '有效期至',
  endorsementWindow: '下次签注期',
  kindURBAN_DISTRICT: '城市区',
  kindCOUNTY: '县（市）',
  kindCITY: '市',
  provisional: '节假日安排尚未公布，暂按周末计算',
  basis: '依据',
  dateHelp: '默认为今天（北京时间），不能晚于今天',
  dateRequired: '请填写日期（YYYY-MM-DD）',

  // 变更登记 Art. 14 para 1
  changeTitle: '变更登记',
  changeIntro:
    '居住地址由本市城市区变更到县（市），或由县（市）变更到城市区、另一县（市）的，在新居住地县级公安机关或受托机构办理变更登记；城市区内迁居只更新居住地址。签注周期不变。',
  changeFormTitle: '办理迁居',
  changeRegion: '新居住地',
  changeRegionRequired: '请选择新居住地（区或县）',
  changeAddress: '新居住地址',
  changeAddressRequired: '请填写新居住地址',
  changeOn: '迁居日期',
  changeSubmit: '办理变更',
  changeNeedsRegistration: (from: string, to: string) =>
    `由${from}迁至${to}：城市区与县（市）之间或县（市）之间迁居，须在新居住地办理变更登记。`,
  changeAddressOnly: (from: string, to: string) =>
    `由${from}迁至${to}：城市区内迁居，只更新居住地址，不办理变更登记。`,
  changeDoneTitle: '迁居已登记',
  changeKind: '办理类型',
  changeKindRegistration: '变更登记',
  changeKindAddress: '居住地址更新',
  changeFromTo: '原居住地 → 新居住地',
  changeConsequence: (to: string) =>
    `居住证所在地已改为${to}：此后由${to}或全市的职能部门核验此证，原居住地的职能部门核验时“居住地”条件不符合（第十四条）。签注周期不变。`,
  movesTitle: '迁居记录',
  movesEmpty: '此证没有迁居记录。',

  // 挂失/补领 Art. 14 para 2
  lossTitle: '挂失/补领',
  lossIntro:
    '居住证损毁或者遗失的，向原县级公安机关或者受托机构申请换领或者补领，自受理之日起十五个工作日内核发。签注周期不变。',
  lossFormTitle: '登记挂失或损毁',
  lossKind: '情形',
  kindLOST: '遗失（补领）',
  kindDAMAGED: '损毁（换领）',
  lossOn: '受理日期',
  lossSubmit: '受理申请',
  lossOpenExists: '此证有一项申请尚未核发新证，请先核发。',
  requestDoneTitle: '申请已受理',
  requestNumber: '申请编号',
  requestDeadline: '核发期限',
  requestDeadlineText: (d: string) => `应于 ${d} 前（含当日）核发新证`,
  requestsTitle: '补领/换领申请',
  requestsEmpty: '此证没有补领或换领申请。',
  requestStatus: '状态',
  requestOpen: '待核发',
  requestIssued: (d: string) => `已于 ${d} 核发`,
  requestOverdue: '已超期',
  issueTitle: '核发新证',
  issueOn: '核发日期',
  issueSubmit: '核发新证',
  issueDoneTitle: '新证已核发',
  newCard: '新证',
  newCardText: (card: number) => `第${card}张卡`,

  // 子女登记 Art. 18(7)
  dependentTitle: '子女登记',
  dependentIntro:
    '登记持证人的随迁子女，供学校办理子女义务教育阶段入学和中考（第十八条第（七）项）时核验：子女未满十八周岁的，核验时“子女”条件符合。',
  dependentsTitle: '已登记的子女',
  dependentsEmpty: '尚未登记子女。',
  childId: '子女公民身份号码',
  childName: '子女姓名',
  childNameRequired: '请填写子女姓名',
  childBirth: '出生日期',
  childAdultOn: '年满十八周岁之日',
  childUnder18: '未满十八周岁',
  childAdult: '已满十八周岁',
  dependentSubmit: '登记子女',
  dependentDoneTitle: '子女已登记',
  dependentDoneText: (adultOn: string) =>
    `学校核验“子女义务教育阶段入学和中考”时，此子女在 ${adultOn} 之前（未满十八周岁）符合“子女”条件（第十八条第（七）项）；居住证须当日有效且在学校所在地区。`,
  dependentAdultText: (adultOn: string) =>
    `此子女已于 ${adultOn} 年满十八周岁，学校核验时“子女”条件不符合（第十八条第（七）项）。`,
};

export type ChangesStrings = typeof changesZhCN;

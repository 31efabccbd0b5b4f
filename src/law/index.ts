/**
 * The law as code: 洛阳市居住证管理暂行办法 (2016). Pure: no I/O, no framework. ARTICLES in
 * articles.ts lists every article in order and where its behaviour lives.
 */
export * from './articles';
export * from './date';
export * from './working-days';
export * from './periods';
export * from './in-force';
export * from './regions';
export * from './citizen-id';
export * from './names';
export * from './decision';
export * from './catalogue';
export * from './roles';
export * from './rules-version';
export * from './rules/registration';
export * from './rules/application';
export * from './rules/deadlines';
export * from './rules/timeline';
export * from './rules/penalties';
export * from './rules/eligibility';
export * from './rules/local-entitlements';
export * from './reason-texts';
export * from './reason-codec';

/** The contract's types (shared/contract.graphql), as type-graphql classes. Sources are app views. */
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from './scalars';
import { DEPARTMENTS } from '../law';

const e = <T extends string>(...values: T[]) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const RegionKind = e('CITY', 'URBAN_DISTRICT', 'COUNTY');
export const DepartmentEnum = e(...DEPARTMENTS);
export const EntitlementKindEnum = e('PUBLIC_SERVICE', 'CONVENIENCE');
export const PermitStatusEnum = e('NOT_YET_ISSUED', 'VALID', 'LAPSED', 'CONFISCATED');
export const SexEnum = e('MALE', 'FEMALE');
export const ResidenceBasisEnum = e('STABLE_EMPLOYMENT', 'STABLE_RESIDENCE', 'CONTINUOUS_STUDY');
export const ApplicationStatusEnum = e('ACCEPTED', 'REFUSED', 'ISSUED');
export const LossKindEnum = e('LOST', 'DAMAGED');
export const ResidenceRecordKindEnum = e('REGISTRATION', 'CORRECTION', 'MOVE');

registerEnumType(RegionKind, { name: 'RegionKind' });
registerEnumType(DepartmentEnum, { name: 'Department' });
registerEnumType(EntitlementKindEnum, {
  name: 'EntitlementKind',
  valuesConfig: {
    PUBLIC_SERVICE: { description: 'Article 18: a public service shared with registered residents' },
    CONVENIENCE: { description: 'Article 19: a convenience' },
  },
});
registerEnumType(PermitStatusEnum, { name: 'PermitStatus' });
registerEnumType(SexEnum, { name: 'Sex' });
registerEnumType(ResidenceBasisEnum, { name: 'ResidenceBasis' });
registerEnumType(ApplicationStatusEnum, { name: 'ApplicationStatus' });
registerEnumType(LossKindEnum, { name: 'LossKind' });
registerEnumType(ResidenceRecordKindEnum, {
  name: 'ResidenceRecordKind',
  valuesConfig: {
    REGISTRATION: { description: 'Articles 8-9: residence registration' },
    CORRECTION: { description: 'Article 10: details corrected with an application' },
    MOVE: { description: 'Article 14 para 1: a move (change registration or address update)' },
  },
});

@ObjectType()
export class Region {
  @Field() code!: string;
  @Field() nameZh!: string;
  @Field(() => RegionKind) kind!: string;
}

@ObjectType({ description: 'Where a rule comes from: 第{article}条 (第{paragraph}款) 第{clause}项.' })
export class Citation {
  @Field(() => Int) article!: number;
  @Field(() => Int, { nullable: true }) paragraph!: number | null;
  @Field(() => Int, { nullable: true }) clause!: number | null;
  @Field() textZh!: string;
}

@ObjectType()
export class Entitlement {
  @Field(() => ID) code!: string;
  @Field(() => EntitlementKindEnum) kind!: string;
  @Field(() => Citation) citation!: Citation;
  @Field() nameZh!: string;
  @Field() nameEn!: string;
  @Field(() => DepartmentEnum) department!: string;
  @Field(() => Region) region!: Region;
  @Field(() => DateScalar) effectiveFrom!: string;
  @Field(() => DateScalar, { nullable: true }) effectiveUntil!: string | null;
}

@ObjectType()
export class DateRange {
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field({ description: 'true when a date in it rests on a year whose holiday notice is not yet known' })
  provisional!: boolean;
}

@ObjectType({ description: 'What a department may see of a permit: no name, no address.' })
export class PermitSummary {
  @Field() maskedCitizenIdNumber!: string;
  @Field(() => PermitStatusEnum) status!: string;
  @Field(() => DateScalar) issuedOn!: string;
  @Field(() => DateScalar, { nullable: true }) validThrough!: string | null;
  @Field(() => DateRange, { nullable: true }) endorsementWindow!: DateRange | null;
  @Field(() => Region) region!: Region;
}

@ObjectType()
export class DecisionReason {
  @Field() code!: string;
  @Field() passed!: boolean;
  @Field(() => Citation) citation!: Citation;
  @Field() messageZh!: string;
  @Field() messageEn!: string;
}

@ObjectType()
export class EligibilityDecision {
  @Field(() => ID) decisionId!: string;
  @Field() eligible!: boolean;
  @Field(() => ID) entitlementCode!: string;
  @Field(() => DateScalar) asOf!: string;
  @Field(() => PermitSummary, { nullable: true }) permit!: PermitSummary | null;
  @Field(() => [DecisionReason]) reasons!: DecisionReason[];
  @Field({
    description: 'identifies the rules, the regulation text and the holiday calendar this decision used',
  })
  rulesVersion!: string;
}

@ObjectType()
export class ReceiptCheck {
  @Field({ description: "signature good, issued by this gateway's key set, and not altered" })
  valid!: boolean;
  @Field(() => ID, { nullable: true }) decisionId!: string | null;
  @Field(() => Boolean, { nullable: true }) eligible!: boolean | null;
  @Field(() => ID, { nullable: true }) entitlementCode!: string | null;
  @Field(() => DateScalar, { nullable: true }) asOf!: string | null;
  @Field(() => String, { nullable: true }) maskedCitizenIdNumber!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) issuedAt!: string | null;
  @Field(() => String, { nullable: true }) keyId!: string | null;
}

@InputType()
export class EligibilityQuery {
  @Field() citizenIdNumber!: string;
  @Field() holderName!: string;
  @Field(() => ID) entitlement!: string;
  @Field(() => DateScalar, { nullable: true, description: 'default: today' }) asOf?: string | null;
  @Field(() => String, { nullable: true, description: 'required for CHILD_EDUCATION_AND_ZHONGKAO' })
  dependentCitizenIdNumber?: string | null;
}

@ObjectType()
export class Dependent {
  @Field() citizenIdNumber!: string;
  @Field() name!: string;
  @Field(() => DateScalar) birthDate!: string;
}

@ObjectType()
export class PermitHolder {
  @Field(() => ID) id!: string;
  @Field() citizenIdNumber!: string;
  @Field() name!: string;
  @Field(() => SexEnum) sex!: string;
  @Field(() => DateScalar) birthDate!: string;
  @Field() hukouRegionCode!: string;
  @Field() hukouAddress!: string;
  @Field(() => Region) residenceRegion!: Region;
  @Field() residenceAddress!: string;
  @Field(() => [Permit]) permits!: Permit[];
  @Field(() => [Dependent]) dependents!: Dependent[];
}

@ObjectType()
export class ResidenceRegistration {
  @Field(() => ID) id!: string;
  @Field(() => PermitHolder) holder!: PermitHolder;
  @Field(() => DateScalar) registeredOn!: string;
  @Field(() => Region) region!: Region;
  @Field(() => [ResidenceBasisEnum]) basis!: string[];
  @Field(() => DateScalar, {
    description: "first day on which an application can meet Article 2's six months",
  })
  eligibleToApplyOn!: string;
}

@ObjectType()
export class Endorsement {
  @Field(() => DateScalar) endorsedOn!: string;
  @Field(() => DateScalar, { description: 'the permit is valid through this day after this endorsement' })
  extendsValidityThrough!: string;
}

@ObjectType()
export class Permit {
  @Field(() => ID) id!: string;
  @Field(() => PermitHolder) holder!: PermitHolder;
  @Field(() => DateScalar) issuedOn!: string;
  @Field() issuingAuthority!: string;
  @Field(() => Int, { description: 'increases with each replacement card' }) cardVersion!: number;
  @Field(() => Region) region!: Region;
  // status(asOf), validThrough(asOf) and endorsementWindow(asOf) are field resolvers (resolvers.ts)
  @Field(() => [Endorsement]) endorsements!: Endorsement[];
  // replacementRequests: a field resolver (resolvers.ts), typed there (ReplacementRequest is declared below)
}

@ObjectType()
export class PermitApplication {
  @Field(() => ID) id!: string;
  @Field(() => PermitHolder) holder!: PermitHolder;
  @Field(() => DateScalar) appliedOn!: string;
  @Field(() => ApplicationStatusEnum) status!: string;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Article 11: last day to issue; null when refused',
  })
  issueDeadline!: string | null;
  @Field() deadlineProvisional!: boolean;
  @Field(() => [DecisionReason]) reasons!: DecisionReason[];
  @Field(() => Permit, { nullable: true }) permit!: Permit | null;
}

@ObjectType()
export class ReplacementRequest {
  @Field(() => ID) id!: string;
  @Field(() => Permit) permit!: Permit;
  @Field(() => LossKindEnum) kind!: string;
  @Field(() => DateScalar) reportedOn!: string;
  @Field(() => DateScalar) deadline!: string;
  @Field() deadlineProvisional!: boolean;
  @Field(() => DateScalar, { nullable: true }) issuedOn!: string | null;
}

@ObjectType()
export class Violation {
  @Field(() => ID) id!: string;
  @Field() citizenIdNumber!: string;
  @Field(() => Citation) citation!: Citation;
  @Field() warning!: boolean;
  @Field(() => Int) fineYuan!: number;
  @Field(() => Int) illegalGainsYuan!: number;
  @Field(() => DateScalar) occurredOn!: string;
}

@ObjectType()
export class AuditEntry {
  @Field(() => Int) sequence!: number;
  @Field(() => DateTimeScalar) at!: string;
  @Field() actor!: string;
  @Field() role!: string;
  @Field() action!: string;
  @Field(() => String, { nullable: true }) subject!: string | null;
  @Field() outcome!: string;
  @Field() hash!: string;
}

@ObjectType()
export class AuditChainReport {
  @Field(() => Int, {
    description:
      'entries of the checked stretch found to follow from the one before (the whole log when intact and unlimited)',
  })
  entries!: number;
  @Field() intact!: boolean;
  @Field(() => Int, {
    nullable: true,
    description: 'sequence of the first entry whose hash does not follow from the one before',
  })
  firstBrokenAt!: number | null;
  @Field(() => Int, { nullable: true, description: 'the last entry of the log now' }) headSequence!:
    number | null;
  @Field(() => String, { nullable: true }) headHash!: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'given expectHead: true when that entry is still in the chain with that hash',
  })
  expectedHeadFound!: boolean | null;
  @Field(() => Int, {
    nullable: true,
    description: 'where to continue a partial check; null when the check reached the head',
  })
  nextSequence!: number | null;
}

@InputType({ description: 'A head an auditor recorded earlier: (sequence, hash).' })
export class AuditHeadInput {
  @Field(() => Int) sequence!: number;
  @Field() hash!: string;
}

@InputType()
export class RegisterResidenceInput {
  @Field({ description: 'sex and birth date are read from the ID number' }) citizenIdNumber!: string;
  @Field() name!: string;
  @Field() hukouRegionCode!: string;
  @Field() hukouAddress!: string;
  @Field() residenceRegionCode!: string;
  @Field() residenceAddress!: string;
  @Field(() => [ResidenceBasisEnum]) basis!: string[];
  @Field() proofKind!: string;
  @Field() proofReference!: string;
  @Field() portraitCaptured!: boolean;
  @Field(() => DateScalar, { nullable: true, description: 'default: today; never after today' })
  registeredOn?: string | null;
}

@InputType()
export class ApplyForPermitInput {
  @Field() citizenIdNumber!: string;
  @Field(() => DateScalar, { nullable: true }) appliedOn?: string | null;
  @Field(() => String, { nullable: true, description: 'Article 10: details changed since registration' })
  residenceAddress?: string | null;
  @Field(() => [ResidenceBasisEnum], { nullable: true }) basis?: string[] | null;
}

@InputType()
export class ChangeResidenceInput {
  @Field(() => ID) permitId!: string;
  @Field() residenceRegionCode!: string;
  @Field() residenceAddress!: string;
  @Field(() => DateScalar, { nullable: true }) changedOn?: string | null;
}

@InputType()
export class AddDependentInput {
  @Field() holderCitizenIdNumber!: string;
  @Field() citizenIdNumber!: string;
  @Field() name!: string;
}

@InputType()
export class RecordViolationInput {
  @Field() citizenIdNumber!: string;
  @Field(() => Int, { description: '20 or 21' }) article!: number;
  @Field(() => Int) clause!: number;
  @Field() warning!: boolean;
  @Field(() => Int) fineYuan!: number;
  @Field(() => Int) illegalGainsYuan!: number;
  @Field(() => DateScalar, { nullable: true }) occurredOn?: string | null;
}

@InputType()
export class DefineLocalEntitlementInput {
  @Field(() => ID) code!: string;
  @Field(() => EntitlementKindEnum) kind!: string;
  @Field() nameZh!: string;
  @Field() nameEn!: string;
  @Field(() => DepartmentEnum) department!: string;
  @Field() regionCode!: string;
  @Field(() => DateScalar) effectiveFrom!: string;
  @Field(() => DateScalar, { nullable: true }) effectiveUntil?: string | null;
}

@ObjectType({ description: "One act on a holder's residence, as recorded (never edited)." })
export class ResidenceRecordEntry {
  @Field(() => ID) id!: string;
  @Field(() => ResidenceRecordKindEnum) kind!: string;
  @Field(() => DateScalar) effectiveOn!: string;
  @Field(() => Region) region!: Region;
  @Field() address!: string;
  @Field(() => [ResidenceBasisEnum]) basis!: string[];
  @Field(() => String, { nullable: true }) proofKind!: string | null;
  @Field(() => String, { nullable: true }) proofReference!: string | null;
  @Field({ description: 'the region of the office that recorded it' }) officeRegionCode!: string;
}

@ObjectType({ description: 'Article 14 para 1: a move recorded on a permit.' })
export class ResidenceMove {
  @Field(() => DateScalar) changedOn!: string;
  @Field(() => Region) fromRegion!: Region;
  @Field(() => Region) toRegion!: Region;
  @Field() address!: string;
  @Field({
    description: 'true: between the urban area and a county, or between counties (change registration)',
  })
  changeRegistration!: boolean;
}

@ObjectType({ description: 'Article 21 para 2: a confiscation; the permit is invalid from that day.' })
export class Confiscation {
  @Field(() => DateScalar) confiscatedOn!: string;
  @Field() reason!: string;
}

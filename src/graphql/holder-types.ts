/** The contract's 2026-12 holder types (shared/contract.graphql, end): share codes and the checks made about a holder. */
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from './scalars';
import { DepartmentEnum, Region } from './types';

@ObjectType({
  description:
    'A one-time code by which a holder lets a department check them without giving their ID number.',
})
export class ShareCode {
  @Field(() => ID) id!: string;
  @Field({
    description:
      '8 characters from 23456789ABCDEFGHJKLMNPQRSTUVWXYZ (no 0/O, 1/I); case-insensitive on input;\nin full only in the answer to createShareCode, afterwards ******XY',
  })
  code!: string;
  @Field(() => DateTimeScalar) expiresAt!: string;
  @Field(() => ID, { nullable: true, description: 'null: any entitlement' }) entitlement!: string | null;
  @Field(() => DepartmentEnum, { nullable: true, description: 'null: any department' }) department!:
    string | null;
}

@InputType()
export class CreateShareCodeInput {
  @Field(() => ID, { nullable: true }) entitlement?: string | null;
  @Field(() => DepartmentEnum, { nullable: true }) department?: string | null;
  @Field(() => Int, { nullable: true, description: '60 to 1800, default 300' }) ttlSeconds?: number | null;
}

@ObjectType({ description: 'One eligibility check made about a holder, as the holder sees it.' })
export class VerificationRecord {
  @Field(() => ID) decisionId!: string;
  @Field(() => DateTimeScalar) at!: string;
  @Field() role!: string;
  @Field(() => DepartmentEnum, { nullable: true }) department!: string | null;
  @Field(() => Region) callerRegion!: Region;
  @Field(() => ID) entitlementCode!: string;
  @Field(() => DateScalar) asOf!: string;
  @Field() eligible!: boolean;
  @Field() byShareCode!: boolean;
}

/** The contract's scalars: Date (YYYY-MM-DD, China Standard Time) and DateTime (ISO 8601 with offset). */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isDateError, parseLocalDate } from '../law';

function parseDate(value: unknown): string {
  if (typeof value !== 'string')
    throw new GraphQLError('Date must be a string YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
  const d = parseLocalDate(value);
  if (isDateError(d)) throw new GraphQLError(d.messageEn, { extensions: { code: 'BAD_USER_INPUT' } });
  return d;
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'Calendar date in China Standard Time, YYYY-MM-DD.',
  serialize: (v) => String(v),
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING)
      throw new GraphQLError('Date must be a string YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseDate(ast.value);
  },
});

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant, ISO 8601 with offset.',
  serialize: (v) => (v instanceof Date ? v.toISOString() : String(v)),
  parseValue: (v) => {
    if (typeof v !== 'string' || Number.isNaN(Date.parse(v)))
      throw new GraphQLError('DateTime must be ISO 8601', { extensions: { code: 'BAD_USER_INPUT' } });
    return v;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || Number.isNaN(Date.parse(ast.value)))
      throw new GraphQLError('DateTime must be ISO 8601', { extensions: { code: 'BAD_USER_INPUT' } });
    return ast.value;
  },
});

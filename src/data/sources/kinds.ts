// The kinds of source, apart from what a source is (types.ts), so that the configuration can name them without
// importing the source types (which refer to the resolved configuration).
export const SOURCE_KINDS = ['demo', 'prometheus', 'health', 'kubernetes', 'servicebus', 'azure-monitor'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

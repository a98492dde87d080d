// What a user's app imports: size-limit bundles the named exports of this file (see
// .size-limit.cjs) to hold each @postpress/client entry point to its budget.
export * from '@postpress/client';

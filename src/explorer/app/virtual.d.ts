/** The explorer's registered operations by name, built from src/explorer/operations/explorer/*.graphql (see ../bundle.ts). */
declare module 'virtual:operations' {
  export const OPERATIONS: Record<string, string>;
}

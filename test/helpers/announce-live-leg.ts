/** One line in every `npm test` run saying where the tests against a live Neo4j are. */
export default function announceLiveLeg(): void {
  console.log('Live Neo4j tests are a separate leg: `npm run test:live` (needs Java 17 and Maven; starts its own Neo4j; CI runs it every time).');
}

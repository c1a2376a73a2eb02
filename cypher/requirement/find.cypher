// params: $queries: list of {frameworkIds: list|null, kinds: list|null, words: list of lowercase words, offset: int, limit: int}
// returns: i (index of the query), totalCount, items (one page of requirement property maps, catalog order)
UNWIND range(0, size($queries) - 1) AS i
WITH i, $queries[i] AS q
CALL (q) {
  MATCH (r:Requirement)
  WHERE (q.frameworkIds IS NULL OR r.frameworkId IN q.frameworkIds)
    AND (q.kinds IS NULL OR r.kind IN q.kinds)
    AND all(word IN q.words WHERE r.searchText CONTAINS word)
  WITH r
  ORDER BY r.catalogOrder
  WITH collect(r {.*}) AS matches
  RETURN size(matches) AS totalCount, matches[q.offset..q.offset + q.limit] AS items
}
RETURN i, totalCount, items
